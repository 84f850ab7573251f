// A StdlibHost over Node's fs for tests (the CLI supplies its own): files
// are opened with the flags fopen would use, errors carry errno and the
// strerror text glibc prints.
import { closeSync, fsyncSync, mkdtempSync, openSync, readSync, renameSync, unlinkSync, writeSync, fstatSync, closeSync as close2 } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { HostIoError, type FileSystem, type HostFile, type StdlibHost } from '../src/host.js';

const STRERROR: Record<string, [number, string]> = {
  ENOENT: [2, 'No such file or directory'],
  EBADF: [9, 'Bad file descriptor'],
  EACCES: [13, 'Permission denied'],
  EEXIST: [17, 'File exists'],
  ENOTDIR: [20, 'Not a directory'],
  EISDIR: [21, 'Is a directory'],
  EINVAL: [22, 'Invalid argument'],
  ESPIPE: [29, 'Illegal seek'],
  ENOTEMPTY: [39, 'Directory not empty'],
};

function ioError(e: unknown): HostIoError {
  const code = (e as { code?: string }).code ?? '';
  const known = STRERROR[code];
  return known ? new HostIoError(known[0], known[1]) : new HostIoError(5, 'Input/output error');
}

function wrap<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw ioError(e);
  }
}

class NodeFile implements HostFile {
  private pos = 0;
  constructor(private readonly fd: number, private readonly append: boolean) {}

  read(max: number): string {
    const buf = Buffer.alloc(Math.min(max, 1 << 16));
    const n = wrap(() => readSync(this.fd, buf, 0, buf.length, this.pos));
    this.pos += n;
    return buf.toString('latin1', 0, n);
  }

  write(data: string): void {
    const b = Buffer.from(data, 'latin1');
    if (this.append) this.pos = fstatSync(this.fd).size;
    let off = 0;
    while (off < b.length) off += wrap(() => writeSync(this.fd, b, off, b.length - off, this.pos + off));
    this.pos += b.length;
  }

  seek(offset: number, whence: 0 | 1 | 2): number {
    const base = whence === 0 ? 0 : whence === 1 ? this.pos : fstatSync(this.fd).size;
    if (base + offset < 0) throw new HostIoError(22, 'Invalid argument');
    this.pos = base + offset;
    return this.pos;
  }

  flush(): void {
    void fsyncSync;
  }

  close(): void {
    wrap(() => closeSync(this.fd));
  }
}

/** Captures stdout/stderr; stdin is the given bytes; relative paths resolve against baseDir. */
export function nodeHost(baseDir: string, stdinData: string, out: string[], err: string[]): StdlibHost {
  const at = (p: string): string => (isAbsolute(p) ? p : join(baseDir, p));
  let stdinPos = 0;
  const stream = (sink: string[]): HostFile => ({
    read: () => { throw new HostIoError(9, 'Bad file descriptor'); },
    write: (s) => { sink.push(s); },
    seek: () => { throw new HostIoError(29, 'Illegal seek'); },
    flush: () => undefined,
    close: () => undefined,
  });
  const fs: FileSystem = {
    open(path, how) {
      const flags = how.append ? (how.read ? 'a+' : 'a') : how.truncate ? (how.read ? 'w+' : 'w') : how.write ? 'r+' : 'r';
      const fd = wrap(() => openSync(at(path), flags));
      if (fstatSync(fd).isDirectory() && how.write) {
        close2(fd);
        throw new HostIoError(21, 'Is a directory');
      }
      return new NodeFile(fd, how.append);
    },
    remove: (path) => wrap(() => unlinkSync(at(path))),
    rename: (a, b) => wrap(() => renameSync(at(a), at(b))),
    tmpfile() {
      const dir = mkdtempSync(join(tmpdir(), 'lua_'));
      const name = join(dir, 'tmpfile');
      const fd = wrap(() => openSync(name, 'w+'));
      unlinkSync(name); // anonymous, as tmpfile(3)
      return new NodeFile(fd, false);
    },
    tmpname() {
      const dir = mkdtempSync(join(tmpdir(), 'lua_'));
      const name = join(dir, 'tmp');
      closeSync(openSync(name, 'w'));
      return name;
    },
  };
  return {
    fs,
    stdin: {
      read(max) {
        const s = stdinData.slice(stdinPos, stdinPos + max);
        stdinPos += s.length;
        return s;
      },
      write: () => { throw new HostIoError(9, 'Bad file descriptor'); },
      seek: () => { throw new HostIoError(29, 'Illegal seek'); },
      flush: () => undefined,
      close: () => undefined,
    },
    stdout: stream(out),
    stderr: stream(err),
    getenv: (name) => process.env[name],
    // system(3): the wait status (exit code << 8); the command's output is captured
    execute(cmd) {
      if (cmd === undefined) return 1;
      const r = spawnSync('/bin/sh', ['-c', cmd], { cwd: baseDir, input: '' });
      out.push(r.stdout.toString('latin1'));
      err.push(r.stderr.toString('latin1'));
      return r.status === null ? 0 : r.status * 256;
    },
    popen(cmd, mode) {
      // A synchonous stand-in for a pipe: "r" runs the command at the first
      // read, "w" runs it at close with everything written as its input.
      let data: string | undefined;
      let pos = 0;
      let written = '';
      const runIt = (input: string): string => {
        const r = spawnSync('/bin/sh', ['-c', cmd], { cwd: baseDir, input: Buffer.from(input, 'latin1') });
        err.push(r.stderr.toString('latin1'));
        return r.stdout.toString('latin1');
      };
      return {
        read(max) {
          if (mode !== 'r') throw new HostIoError(9, 'Bad file descriptor');
          if (data === undefined) data = runIt('');
          const s = data.slice(pos, pos + max);
          pos += s.length;
          return s;
        },
        write(s) {
          if (mode !== 'w') throw new HostIoError(9, 'Bad file descriptor');
          written += s;
        },
        seek() { throw new HostIoError(29, 'Illegal seek'); },
        flush() {},
        close() {
          if (mode === 'w') out.push(runIt(written));
        },
      };
    },
    clock: () => process.cpuUsage().user / 1e6,
  };
}
