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
import { fs as nodeFs, isTerminal as isatty, lazyModule } from './node-host.js';

const {
  closeSync, fstatSync, openSync, readSync, renameSync, rmdirSync, unlinkSync, writeSync,
} = nodeFs;

// loaded at first use (see node-host.js)
const os = lazyModule('node:os');
const childProcess = lazyModule('node:child_process');
const crypto = lazyModule('node:crypto');
/** spawnSync of node:child_process, loaded at the first call. */
const spawnSync = (...args) => childProcess().spawnSync(...args);

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
 * An output stream as glibc's FILE over descriptor `fd`, modelled on its
 * write path (libio's _IO_new_file_xsputn, _IO_new_file_overflow,
 * new_do_write, _IO_default_xsputn, _IO_setvbuf) field for field, since
 * what reaches the descriptor when decides how output interleaves with
 * stderr and with child processes:
 * - the buffer is allocated at the first write: st_blksize bytes when below
 *   BUFSIZ (4096 for pipes and most files), line-buffered on a terminal;
 * - a write fills the buffer; data left over makes the buffer go out, then
 *   whole buffer-sized blocks go out directly and the rest is buffered
 *   (so the very first write sends its whole blocks at once);
 * - a line-buffered stream sends everything through the last newline;
 * - setvbuf "no" flushes and leaves a one-byte buffer, which later "full"
 *   or "line" keep (glibc allocates only when there is no buffer yet).
 * `mode` 'none' makes an unbuffered stream from the start (stderr).
 */
export function stdioWriter(fd, mode) {
  const tty = isatty(fd);
  let blockSize = BUFSIZ;
  try {
    const st = fstatSync(fd);
    if (st.blksize > 0 && st.blksize < BUFSIZ) blockSize = st.blksize;
  } catch {
    // a closed descriptor: writes will fail as they would in C
  }
  let lineBuf = false; // _IO_LINE_BUF (set at allocation on a terminal)
  let unbuffered = mode === 'none'; // _IO_UNBUFFERED
  let size = 0; // _IO_buf_end - _IO_buf_base; 0 = no buffer yet
  let putting = false; // _IO_CURRENTLY_PUTTING
  let pending = ''; // _IO_write_base .. _IO_write_ptr
  let writeEnd = 0; // _IO_write_end - _IO_write_base: size, or 0 in line/unbuffered modes

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
  /** new_do_write: the data goes out and the buffer starts empty. */
  const newDoWrite = (data) => {
    emit(data);
    pending = '';
    writeEnd = lineBuf || unbuffered ? 0 : size;
  };
  /** _IO_do_write of the buffer: nothing at all when it is empty. */
  const doFlush = () => {
    if (pending !== '') newDoWrite(pending);
  };
  /** _IO_file_doallocate (or the one-byte buffer of an unbuffered stream). */
  const allocate = () => {
    if (unbuffered) size = 1;
    else {
      size = blockSize;
      if (tty) lineBuf = true;
    }
  };
  /** _IO_new_file_overflow(ch); ch undefined is EOF (flush). */
  const overflow = (ch) => {
    if (!putting) {
      if (size === 0) allocate();
      pending = '';
      writeEnd = lineBuf || unbuffered ? 0 : size;
      putting = true;
    }
    if (ch === undefined) {
      doFlush();
      return;
    }
    if (pending.length === size) doFlush();
    pending += ch;
    if (unbuffered || (lineBuf && ch === '\n')) doFlush();
  };
  /** _IO_default_xsputn: into the space left, the rest byte by byte through overflow. */
  const defaultXsputn = (s) => {
    let i = 0;
    for (;;) {
      if (pending.length < writeEnd) {
        const count = Math.min(writeEnd - pending.length, s.length - i);
        pending += s.slice(i, i + count);
        i += count;
      }
      if (i >= s.length) return;
      overflow(s[i++]);
    }
  };
  /** _IO_new_file_xsputn. */
  const write = (s) => {
    if (s === '') return;
    let count = 0;
    let mustFlush = false;
    if (lineBuf && putting) {
      count = size - pending.length;
      if (count >= s.length) {
        const nl = s.lastIndexOf('\n');
        if (nl >= 0) {
          count = nl + 1;
          mustFlush = true;
        }
      }
    } else if (writeEnd > pending.length) count = writeEnd - pending.length;
    if (count > s.length) count = s.length;
    if (count > 0) {
      pending += s.slice(0, count);
      s = s.slice(count);
    }
    if (s.length > 0 || mustFlush) {
      overflow(undefined);
      const direct = s.length - (size >= 128 ? s.length % size : 0);
      if (direct > 0) {
        newDoWrite(s.slice(0, direct));
        s = s.slice(direct);
      }
      if (s.length > 0) defaultXsputn(s);
    }
  };
  return {
    write,
    /** fflush. */
    flush: doFlush,
    /** Whether the stream is line-buffered (glibc flushes it before reading a terminal). */
    get lineBuffered() {
      return lineBuf;
    },
    /** setvbuf(f, NULL, mode, size): "no", "full" or "line"; the size is ignored, as glibc does with no buffer given. */
    setvbuf(m) {
      if (m === 'no') {
        doFlush();
        unbuffered = true;
        lineBuf = false;
        size = 1;
        pending = '';
        writeEnd = 0;
      } else if (m === 'full') {
        lineBuf = false;
        unbuffered = false;
        if (size === 0) size = blockSize; // allocated now, and not line-buffered even on a terminal
      } else {
        unbuffered = false;
        lineBuf = true;
      }
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
      const suffix = Array.from(crypto().randomBytes(6), (b) => letters[b % letters.length]).join('');
      const name = `${os().tmpdir()}/lua_${suffix}`;
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
      if (stdinTty && out.lineBuffered) out.flush();
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
    if (r.signal) return os().constants.signals[r.signal] ?? 0;
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
      // glibc's popen flushes every output stream first (lua5.1's
      // `print("a") io.popen("cat", "w")` shows "a" before cat's output).
      out.flush();
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
