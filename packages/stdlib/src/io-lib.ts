// The io library (liolib.c of Lua 5.1.5): close, flush, input, lines,
// open, output, popen, read, tmpfile, type, write, stdin/stdout/stderr, and
// file handles (userdata with the "FILE*" metatable: close, flush, lines,
// read, seek, setvbuf, write, __gc, __tostring).
//
// Files come from the host (host.ts); stdio.ts adds what C stdio adds on top
// of a descriptor, so "*n" and "*l" read as fscanf and fgets do.

import {
  LuaError, LuaHostFunction, LuaTable, LuaUserdata, addressOf, numberToString,
  type LibTable, type LuaState, type LuaValue,
} from '@valua/vm';
import { HostIoError, type HostFile, type StdlibHost } from './host.js';
import { BUFFER_SIZE, LuaFile, parseMode, readLine, scanNumber } from './stdio.js';
import { checkOption, pushResult } from './os-lib.js';

const EBADF = (): HostIoError => new HostIoError(9, 'Bad file descriptor');
const EINVAL = (): HostIoError => new HostIoError(22, 'Invalid argument');
const ENOENT = (): HostIoError => new HostIoError(2, 'No such file or directory');
const VBUF_MODES = ['no', 'full', 'line'] as const;

/**
 * The io functions, the file-handle metatable and the three standard files
 * of one state. Standard output defaults to the state's print channel
 * (g.write) so print and io.write stay in order; `strtod` converts "*n".
 */
export function makeIoLib(L0: LuaState, host: StdlibHost, strtod: (s: string) => number | undefined): { lib: LibTable; meta: LuaTable; std: [LuaUserdata, LuaUserdata, LuaUserdata] } {
  const meta = new LuaTable();

  const newFile = (h: HostFile, r: boolean, w: boolean, standard: boolean): LuaUserdata => {
    const u = new LuaUserdata(new LuaFile(h, r, w, standard));
    u.metatable = meta;
    return u;
  };

  const defaultOut: HostFile = {
    read: () => { throw EBADF(); },
    write: (s) => L0.g.write(s),
    seek: () => { throw new HostIoError(29, 'Illegal seek'); },
    flush: () => undefined,
    close: () => undefined,
  };
  const emptyIn: HostFile = {
    read: () => '',
    write: () => { throw EBADF(); },
    seek: () => { throw new HostIoError(29, 'Illegal seek'); },
    flush: () => undefined,
    close: () => undefined,
  };
  const stdin = newFile(host.stdin ?? emptyIn, true, false, true);
  const stdout = newFile(host.stdout ?? defaultOut, false, true, true);
  const stderr = newFile(host.stderr ?? defaultOut, false, true, true);
  let input = stdin;
  let output = stdout;

  /** tofile: argument 1 as an open file. */
  const toFile = (L: LuaState): LuaFile => {
    const f = checkFileArg(L, 1);
    if (f.host === undefined) throw L.error('attempt to use a closed file');
    return f;
  };

  const checkFileArg = (L: LuaState, n: number): LuaFile => {
    const u = L.arg(n);
    if (u instanceof LuaUserdata && u.metatable === meta) return u.data as LuaFile; // only LuaFiles get `meta`
    throw L.typeError(n, 'FILE*');
  };

  const getIoFile = (L: LuaState, which: 'input' | 'output'): LuaFile => {
    const u = which === 'input' ? input : output;
    const f = u.data as LuaFile;
    if (f.host === undefined) throw L.error(`standard ${which} file is closed`);
    return f;
  };

  const openFile = (name: string, mode: string): LuaUserdata => {
    const how = parseMode(mode);
    if (how === undefined) throw EINVAL();
    if (!host.fs) throw ENOENT();
    return newFile(host.fs.open(name, how), how.read, how.write, false);
  };

  const auxClose = (L: LuaState, f: LuaFile): number => {
    if (f.standard) {
      L.push(undefined);
      L.push('cannot close standard file');
      return 2;
    }
    try {
      f.close();
    } catch (e) {
      return pushResult(L, e, undefined);
    }
    return pushResult(L, undefined, undefined);
  };

  /** g_read: formats at arguments first.. of the running function. */
  const gRead = (L: LuaState, f: LuaFile, first: number): number => {
    const nargs = L.argCount() - first + 1;
    f.error = undefined; // clearerr
    let success: boolean;
    let count: number;
    if (nargs <= 0) {
      const line = readLine(f);
      success = line !== undefined;
      L.push(line);
      count = 1;
    } else {
      success = true;
      count = 0;
      for (let n = first; n < first + nargs && success; n++) {
        count++;
        const fmt = L.arg(n);
        if (typeof fmt === 'number') {
          const l = !(fmt >= 0) ? Infinity : Math.trunc(fmt); // (size_t) of a negative is huge
          if (l === 0) { // test_eof
            const c = f.getc();
            if (c >= 0) f.ungetc();
            L.push('');
            success = c >= 0;
          } else {
            const s = f.readChars(l);
            L.push(s);
            success = s.length > 0;
          }
          continue;
        }
        const p = L.toStr(fmt);
        if (p === undefined || p.charCodeAt(0) !== 42) throw L.argError(n, 'invalid option');
        switch (p[1]) {
          case 'n': {
            const x = scanNumber(f, strtod);
            L.push(x);
            success = x !== undefined;
            break;
          }
          case 'l': {
            const line = readLine(f);
            L.push(line);
            success = line !== undefined;
            break;
          }
          case 'a':
            L.push(f.readChars(Infinity));
            success = true;
            break;
          default:
            throw L.argError(n, 'invalid format');
        }
      }
    }
    if (f.error !== undefined) return pushResult(L, f.error, undefined);
    if (!success) {
      L.setTop(L.argCount() - 1); // replace the failed result by nil
      L.push(undefined);
    }
    return count;
  };

  const gWrite = (L: LuaState, f: LuaFile, first: number): number => {
    const n = L.argCount();
    let err: unknown;
    for (let i = first; i <= n; i++) {
      const v = L.arg(i);
      const s = typeof v === 'number' ? numberToString(v) : L.checkString(i);
      if (err !== undefined) continue; // C stops writing after a failure but still checks arguments
      try {
        f.write(s);
      } catch (e) {
        if (!(e instanceof HostIoError)) throw e;
        err = e;
      }
    }
    return pushResult(L, err, undefined);
  };

  const linesIterator = (L: LuaState, u: LuaUserdata, toClose: boolean): LuaHostFunction =>
    new LuaHostFunction('?', (L2: LuaState): number => {
      const f = u.data as LuaFile;
      if (f.host === undefined) throw L2.error('file is already closed');
      f.error = undefined;
      const line = readLine(f);
      if (f.error !== undefined) throw L2.error((f.error as HostIoError).message);
      if (line !== undefined) {
        L2.push(line);
        return 1;
      }
      if (toClose) {
        const top = L2.argCount();
        auxClose(L2, f);
        L2.setTop(top);
      }
      return 0;
    });

  const fileError = (L: LuaState, n: number, name: string, e: unknown): LuaError => {
    if (!(e instanceof HostIoError)) throw e;
    return L.argError(n, `${name}: ${e.message}`);
  };

  const gIoFile = (L: LuaState, which: 'input' | 'output', mode: string): number => {
    const a = L.arg(1);
    if (a !== undefined) {
      const name = L.toStr(a);
      let u: LuaUserdata;
      if (name !== undefined) {
        try {
          u = openFile(name, mode);
        } catch (e) {
          throw fileError(L, 1, name, e);
        }
      } else {
        toFile(L);
        u = a as LuaUserdata; // toFile checked it is a file handle
      }
      if (which === 'input') input = u;
      else output = u;
    }
    L.push(which === 'input' ? input : output);
    return 1;
  };

  // ---- file handle methods (also the metatable: __index = itself) ----
  const methods: LibTable = {
    close(L) {
      return auxClose(L, toFile(L));
    },
    flush(L) {
      const f = toFile(L);
      try {
        f.flush();
      } catch (e) {
        return pushResult(L, e, undefined);
      }
      return pushResult(L, undefined, undefined);
    },
    lines(L) {
      toFile(L);
      L.push(linesIterator(L, L.arg(1) as LuaUserdata, false));
      return 1;
    },
    read(L) {
      return gRead(L, toFile(L), 2);
    },
    seek(L) {
      const f = toFile(L);
      const op = checkOption(L, 2, 'cur', ['set', 'cur', 'end']);
      const offset = L.optInteger(3, 0);
      let pos: number;
      try {
        pos = f.seek(offset, op as 0 | 1 | 2);
      } catch (e) {
        return pushResult(L, e, undefined);
      }
      L.push(pos);
      return 1;
    },
    setvbuf(L) {
      const f = toFile(L);
      const mode = checkOption(L, 2, undefined, VBUF_MODES);
      L.optInteger(3, BUFFER_SIZE);
      // writes reach the host at once; a host that buffers (the CLI's stdout, as C stdio) is told
      f.host?.setvbuf?.(VBUF_MODES[mode]!);
      return pushResult(L, undefined, undefined);
    },
    write(L) {
      return gWrite(L, toFile(L), 2);
    },
    __gc(L) {
      const f = checkFileArg(L, 1);
      if (f.host !== undefined && !f.standard) {
        try { f.close(); } catch { /* ignored, as in io_gc */ }
      }
      return 0;
    },
    __tostring(L) {
      const u = L.arg(1);
      const f = checkFileArg(L, 1);
      L.push(f.host === undefined ? 'file (closed)' : `file (${addressOf(u as LuaUserdata)})`);
      return 1;
    },
  };
  // createmeta: __index first, then flib's methods (the order pairs shows)
  meta.setStr('__index', meta);
  for (const k of Object.keys(methods)) meta.setStr(k, new LuaHostFunction(k, methods[k]!));

  const lib: LibTable = {
    close(L) {
      if (L.argCount() === 0) L.push(output);
      return auxClose(L, toFile(L));
    },
    flush(L) {
      const f = getIoFile(L, 'output');
      try {
        f.flush();
      } catch (e) {
        return pushResult(L, e, undefined);
      }
      return pushResult(L, undefined, undefined);
    },
    input(L) {
      return gIoFile(L, 'input', 'r');
    },
    lines(L) {
      if (L.arg(1) === undefined) {
        const u = input;
        if ((u.data as LuaFile).host === undefined) throw L.error('attempt to use a closed file');
        L.push(linesIterator(L, u, false));
        return 1;
      }
      const name = L.checkString(1);
      let u: LuaUserdata;
      try {
        u = openFile(name, 'r');
      } catch (e) {
        throw fileError(L, 1, name, e);
      }
      L.push(linesIterator(L, u, true));
      return 1;
    },
    open(L) {
      const name = L.checkString(1);
      const mode = L.optString(2, 'r');
      try {
        L.push(openFile(name, mode));
      } catch (e) {
        return pushResult(L, e, name);
      }
      return 1;
    },
    output(L) {
      return gIoFile(L, 'output', 'w');
    },
    popen(L) {
      const cmd = L.checkString(1);
      const mode = L.optString(2, 'r');
      if (!host.popen) throw L.error("'popen' not supported");
      try {
        // glibc's popen accepts "r" or "w" (optionally followed by "e")
        const m = mode[0];
        if ((m !== 'r' && m !== 'w') || (mode.length > 1 && mode.slice(1) !== 'e')) throw EINVAL();
        L.push(newFile(host.popen(cmd, m), m === 'r', m === 'w', false));
      } catch (e) {
        return pushResult(L, e, cmd);
      }
      return 1;
    },
    read(L) {
      return gRead(L, getIoFile(L, 'input'), 1);
    },
    tmpfile(L) {
      try {
        if (!host.fs?.tmpfile) throw ENOENT();
        L.push(newFile(host.fs.tmpfile(), true, true, false));
      } catch (e) {
        return pushResult(L, e, undefined);
      }
      return 1;
    },
    type(L) {
      const v: LuaValue = L.checkAny(1);
      if (v instanceof LuaUserdata && v.metatable === meta) L.push((v.data as LuaFile).host === undefined ? 'closed file' : 'file');
      else L.push(undefined);
      return 1;
    },
    write(L) {
      return gWrite(L, getIoFile(L, 'output'), 1);
    },
  };
  return { lib, meta, std: [stdin, stdout, stderr] };
}

/** luaopen_io. */
export function openIo(L: LuaState, host: StdlibHost, strtod: (s: string) => number | undefined): LuaTable {
  const { lib, meta, std } = makeIoLib(L, host, strtod);
  const t = L.register('io', lib);
  t.setStr('stdin', std[0]);
  t.setStr('stdout', std[1]);
  t.setStr('stderr', std[2]);
  L.g.registry.setStr('FILE*', meta);
  return t;
}
