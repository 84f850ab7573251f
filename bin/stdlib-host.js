// The Node side of the standard library for bin/valua: a StdlibHost
// (@valua/stdlib's host.ts) over Node's fs, process and child_process, and
// the C stdio buffering of lua5.1's standard output.
//
// Output order is part of exactness: lua5.1 writes print and io.write into
// one C FILE (stdout), fully buffered in blocks of st_blksize bytes when it
// is a pipe or file and line-buffered on a terminal, while stderr is
// unbuffered. So `print(1) io.stderr:write("E")` piped into one file gives
// "E1\n", and an error message comes before the output printed ahead of
// it. stdioWriter reproduces glibc's rules (see its comment); the CLI's
// stdout, print and io.stdout all write through one of them.
//
// Paths and environment values are byte strings (one byte per code unit):
// paths go to fs as Buffers, environment values come back as their bytes.
import {
  closeSync, fstatSync, openSync, readSync, renameSync, rmdirSync, unlinkSync, writeSync,
} from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { isatty } from 'node:tty';

/** errno numbers and glibc's strerror texts for the codes file calls raise. */
const ERRNO = {
  EPERM: [1, 'Operation not permitted'],
  ENOENT: [2, 'No such file or directory'],
  EIO: [5, 'Input/output error'],
  EBADF: [9, 'Bad file descriptor'],
  EACCES: [13, 'Permission denied'],
  EBUSY: [16, 'Device or resource busy'],
  EEXIST: [17, 'File exists'],
  EXDEV: [18, 'Invalid cross-device link'],
  ENOTDIR: [20, 'Not a directory'],
  EISDIR: [21, 'Is a directory'],
  EINVAL: [22, 'Invalid argument'],
  EMFILE: [24, 'Too many open files'],
  ETXTBSY: [26, 'Text file busy'],
  EFBIG: [27, 'File too large'],
  ENOSPC: [28, 'No space left on device'],
  ESPIPE: [29, 'Illegal seek'],
  EROFS: [30, 'Read-only file system'],
  EPIPE: [32, 'Broken pipe'],
  ENAMETOOLONG: [36, 'File name too long'],
  ENOTEMPTY: [39, 'Directory not empty'],
  ELOOP: [40, 'Too many levels of symbolic links'],
};

/** glibc's BUFSIZ: the largest stdio buffer _IO_file_doallocate picks. */
const BUFSIZ = 8192;

/** A byte string as a path Node passes to the system unchanged. */
const pathBytes = (p) => Buffer.from(p, 'latin1');

/** Sleeps a little (a non-blocking descriptor said EAGAIN). */
function pause() {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
}

/**
 * An output stream as glibc's FILE over descriptor `fd`: mode 'line' on a
 * terminal, else 'full', with _IO_file_doallocate's buffer size (st_blksize
 * when below BUFSIZ: 4096 for pipes and most files). Writes follow
 * _IO_new_file_xsputn: fill the buffer; when data is left over, write the
 * buffer out, then whole buffer-sized blocks directly, and keep the rest; a
 * line-buffered stream also writes out through the last newline. 'none'
 * writes at once (setvbuf "no", and stderr). The first write finds no buffer
 * yet, so its whole blocks go out at once, as glibc's does.
 */
export function stdioWriter(fd, mode) {
  let size = BUFSIZ;
  try {
    const st = fstatSync(fd);
    if (st.blksize > 0 && st.blksize < BUFSIZ) size = st.blksize;
  } catch {
    // a closed descriptor: writes will fail as they would in C
  }
  let pending = '';
  let allocated = false;
  const state = { mode: mode ?? (isatty(fd) ? 'line' : 'full') };
  const emit = (s) => {
    const b = Buffer.from(s, 'latin1');
    let off = 0;
    while (off < b.length) {
      try {
        off += writeSync(fd, b, off, b.length - off);
      } catch (e) {
        if (e && e.code === 'EAGAIN') {
          pause();
          continue;
        }
        if (e && e.code === 'EPIPE') return;
        throw e;
      }
    }
  };
  const flush = () => {
    if (pending !== '') {
      const s = pending;
      pending = '';
      emit(s);
    }
  };
  const write = (s) => {
    if (s === '') return;
    if (state.mode === 'none') {
      flush();
      emit(s);
      return;
    }
    // Before the first write there is no buffer (no space): everything goes the overflow way.
    const space = allocated ? size - pending.length : 0;
    allocated = true;
    if (state.mode === 'line' && s.length <= space) {
      const nl = s.lastIndexOf('\n');
      if (nl < 0) {
        pending += s;
        return;
      }
      pending += s.slice(0, nl + 1);
      flush();
      pending = s.slice(nl + 1);
      return;
    }
    if (s.length < space || (s.length === space && state.mode === 'full')) {
      pending += s; // a full buffer is written at the next write or flush
      return;
    }
    pending += s.slice(0, space);
    flush();
    let rest = s.slice(space);
    const direct = rest.length - (rest.length % size);
    if (direct > 0) emit(rest.slice(0, direct));
    rest = rest.slice(direct);
    if (state.mode === 'line') {
      const nl = rest.lastIndexOf('\n');
      if (nl >= 0) {
        emit(rest.slice(0, nl + 1));
        rest = rest.slice(nl + 1);
      }
    }
    pending = rest;
  };
  return {
    write,
    flush,
    get mode() {
      return state.mode;
    },
    /** setvbuf: "no" writes out what is pending first; the others only change the mode. */
    setvbuf(m) {
      if (m === 'none') flush();
      state.mode = m;
    },
  };
}

/**
 * The StdlibHost of bin/valua. `engine` is what loadEngine returned (its
 * HostIoError is the class the libraries test for); `out` is the stdout
 * stdioWriter that print also uses; stderr is written unbuffered.
 */
export function nodeStdlibHost(engine, out) {
  const { HostIoError } = engine;
  const ioError = (e) => {
    const known = e && ERRNO[e.code];
    if (known) return new HostIoError(known[0], known[1]);
    const text = e && engine.STRERROR?.[e.code];
    return new HostIoError(e && typeof e.errno === 'number' ? Math.abs(e.errno) : 5, text ?? (e instanceof Error ? e.message : String(e)));
  };
  const wrap = (f) => {
    try {
      return f();
    } catch (e) {
      if (e instanceof HostIoError) throw e;
      throw ioError(e);
    }
  };
  const illegalSeek = () => {
    throw new HostIoError(29, 'Illegal seek');
  };
  const badFd = () => {
    throw new HostIoError(9, 'Bad file descriptor');
  };

  /**
   * A descriptor as a HostFile. Regular files use positional I/O at our
   * own offset (Node has no lseek), so seek works; pipes, terminals and
   * devices read and write at the kernel's position and cannot seek.
   */
  const descriptorFile = (fd, append, onClose) => {
    const seekable = wrap(() => fstatSync(fd)).isFile();
    let pos = 0;
    return {
      read(max) {
        const buf = Buffer.alloc(Math.min(max, 1 << 16));
        for (;;) {
          try {
            const n = readSync(fd, buf, 0, buf.length, seekable ? pos : null);
            pos += n;
            return buf.toString('latin1', 0, n);
          } catch (e) {
            if (e && e.code === 'EAGAIN') {
              pause();
              continue;
            }
            if (e && e.code === 'EOF') return '';
            throw ioError(e);
          }
        }
      },
      write(data) {
        const b = Buffer.from(data, 'latin1');
        if (seekable && append) pos = wrap(() => fstatSync(fd)).size;
        let off = 0;
        while (off < b.length) {
          try {
            off += writeSync(fd, b, off, b.length - off, seekable ? pos + off : null);
          } catch (e) {
            if (e && e.code === 'EAGAIN') {
              pause();
              continue;
            }
            throw ioError(e);
          }
        }
        pos += b.length;
      },
      seek(offset, whence) {
        if (!seekable) illegalSeek();
        const base = whence === 0 ? 0 : whence === 1 ? pos : wrap(() => fstatSync(fd)).size;
        if (base + offset < 0) throw new HostIoError(22, 'Invalid argument');
        pos = base + offset;
        return pos;
      },
      flush() {},
      close() {
        if (onClose) onClose();
        else wrap(() => closeSync(fd));
      },
    };
  };

  /** mkstemp("/tmp/lua_XXXXXX"), as loslib's tmpname does on Linux: the name of a new empty file. */
  const makeTemp = () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    for (let attempt = 0; attempt < 100; attempt++) {
      const suffix = Array.from(randomBytes(6), (b) => letters[b % letters.length]).join('');
      const name = `${tmpdir()}/lua_${suffix}`;
      try {
        return [name, openSync(pathBytes(name), 'wx+', 0o600)];
      } catch (e) {
        if (!e || e.code !== 'EEXIST') throw ioError(e);
      }
    }
    throw new HostIoError(17, 'File exists');
  };

  const fs = {
    open(path, how) {
      const flags = how.append ? (how.read ? 'a+' : 'a') : how.truncate ? (how.read ? 'w+' : 'w') : how.write ? 'r+' : 'r';
      const fd = wrap(() => openSync(pathBytes(path), flags));
      return descriptorFile(fd, how.append);
    },
    remove(path) {
      // remove(3): unlink, and rmdir when unlink says it is a directory
      try {
        unlinkSync(pathBytes(path));
      } catch (e) {
        if (!e || e.code !== 'EISDIR') throw ioError(e);
        wrap(() => rmdirSync(pathBytes(path)));
      }
    },
    rename: (from, to) => wrap(() => renameSync(pathBytes(from), pathBytes(to))),
    tmpname() {
      try {
        const [name, fd] = makeTemp();
        closeSync(fd);
        return name;
      } catch {
        return undefined;
      }
    },
    tmpfile() {
      const [name, fd] = makeTemp();
      unlinkSync(pathBytes(name)); // anonymous, as tmpfile(3)
      return descriptorFile(fd, false);
    },
  };

  const stdinTty = isatty(0);
  const stdinFile = descriptorFile(0, false, () => undefined);
  const stdin = {
    ...stdinFile,
    read(max) {
      // glibc: reading a line-buffered stdin (a terminal) first writes out a line-buffered stdout
      if (stdinTty && out.mode === 'line') out.flush();
      return stdinFile.read(max);
    },
    write: badFd,
  };
  const stdout = {
    read: badFd,
    write: (s) => out.write(s),
    seek: illegalSeek,
    flush: () => out.flush(),
    close: () => undefined,
    setvbuf: (mode) => out.setvbuf(mode),
  };
  const errWriter = stdioWriter(2, 'none');
  const stderr = {
    read: badFd,
    write: (s) => errWriter.write(s),
    seek: illegalSeek,
    flush: () => undefined,
    close: () => undefined,
  };

  const latin1Env = (name) => {
    const v = process.env[Buffer.from(name, 'latin1').toString('utf8')];
    return v === undefined ? undefined : Buffer.from(v, 'utf8').toString('latin1');
  };

  /** A finished child's wait status, as system(3) and pclose(3) return it. */
  const waitStatus = (r) => {
    if (r.error) return 127 << 8;
    if (r.signal) return osConstants.signals[r.signal] ?? 0;
    return (r.status ?? 0) << 8;
  };

  return {
    fs,
    stdin,
    stdout,
    stderr,
    getenv: latin1Env,
    exit(code) {
      // exit(3) flushes stdio: what print wrote reaches stdout first
      out.flush();
      process.exit(code & 0xff);
    },
    clock() {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    },
    execute(cmd) {
      if (cmd === undefined) return 1; // a shell exists
      // system(3): the child shares our descriptors; stdout's buffer is not flushed first
      return waitStatus(spawnSync('/bin/sh', ['-c', Buffer.from(cmd, 'latin1').toString('utf8')], { stdio: 'inherit' }));
    },
    popen(cmd, mode) {
      // Synchronous stand-in for a pipe: "r" runs the command at the first
      // read and hands out its output; "w" gathers what is written and runs
      // the command with it as input when the file is closed. The child's
      // other streams are ours, as with popen(3).
      const command = Buffer.from(cmd, 'latin1').toString('utf8');
      let data;
      let pos = 0;
      const written = [];
      return {
        read(max) {
          if (mode !== 'r') badFd();
          if (data === undefined) {
            const r = spawnSync('/bin/sh', ['-c', command], { stdio: ['inherit', 'pipe', 'inherit'], maxBuffer: 1 << 30 });
            data = r.stdout ? r.stdout.toString('latin1') : '';
          }
          const s = data.slice(pos, pos + max);
          pos += s.length;
          return s;
        },
        write(s) {
          if (mode !== 'w') badFd();
          written.push(s);
        },
        seek: illegalSeek,
        flush() {},
        close() {
          if (mode === 'w') {
            spawnSync('/bin/sh', ['-c', command], { input: Buffer.from(written.join(''), 'latin1'), stdio: ['pipe', 'inherit', 'inherit'] });
          }
        },
      };
    },
  };
}
