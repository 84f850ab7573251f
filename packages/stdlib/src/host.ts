// What the os and io libraries need from their embedder. The libraries
// import nothing from Node: a command line supplies files, environment,
// clock and exit; a sandbox supplies nothing and gets safe defaults.

import type { TimeZone } from './time.js';

/** A failed system call: errno and strerror text ("No such file or directory"). */
export class HostIoError extends Error {
  readonly errno: number;
  constructor(errno: number, message: string) {
    super(message);
    this.errno = errno;
  }
}

/** An open file as the host sees it: unbuffered byte I/O (the library buffers). */
export interface HostFile {
  /** Up to `max` bytes as a byte string; '' at end of file. Throws HostIoError. */
  read(max: number): string;
  /** Writes all bytes of a byte string. Throws HostIoError. */
  write(data: string): void;
  /** fseek: whence 0 = set, 1 = cur, 2 = end; returns the new position. Throws HostIoError. */
  seek(offset: number, whence: 0 | 1 | 2): number;
  flush(): void;
  close(): void;
  /** file:setvbuf's mode, for a host that buffers writes itself (optional: files here are unbuffered). */
  setvbuf?(mode: 'no' | 'full' | 'line'): void;
}

export interface FileSystem {
  /**
   * fopen with a C mode string already checked ("r", "w+", "ab", ...):
   * `read`/`write` say what the handle allows, `append`/`truncate`/`create`
   * what opening does. Throws HostIoError.
   */
  open(path: string, how: { read: boolean; write: boolean; append: boolean; truncate: boolean; create: boolean }): HostFile;
  /** remove(3): throws HostIoError. */
  remove(path: string): void;
  /** rename(2): throws HostIoError. */
  rename(from: string, to: string): void;
  /** A fresh temporary file name, or undefined when none can be made. */
  tmpname?(): string | undefined;
  /** tmpfile(3): an anonymous read/write file. */
  tmpfile?(): HostFile;
}

export interface StdlibHost {
  fs?: FileSystem;
  stdin?: HostFile;
  stdout?: HostFile;
  stderr?: HostFile;
  /** os.getenv; undefined = unset. */
  getenv?(name: string): string | undefined;
  /** os.exit: must not return (the CLI exits the process). */
  exit?(code: number): never;
  /** os.clock: processor seconds used. */
  clock?(): number;
  /** os.time(): seconds since the epoch (integer). */
  time?(): number;
  /** Local time zone for os.date / os.time (default: the JS environment's). */
  zone?: TimeZone;
  /** os.execute: the status system(3) returns; without a command, whether a shell exists. */
  execute?(command: string | undefined): number;
  /** io.popen: a pipe to ("w") or from ("r") a shell command. Throws HostIoError. */
  popen?(command: string, mode: 'r' | 'w'): HostFile;
}
