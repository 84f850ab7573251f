// The base functions that read files (lbaselib.c's dofile and loadfile) and
// luaL_loadfile under them, which the package library's Lua searcher shares.
// They live here rather than in the VM's base library because files come
// from the embedder (StdlibHost); openBase takes them as `files` so that
// they are registered where lbaselib registers them (pairs(_G) order).
//
// Invariant: standard input is one stream per state. When the io library is
// open, dofile() and loadfile() read the io library's stdin (its buffer
// included), as lua5.1's share one C FILE; see shareStdin.

import { CliFileError, LuaError, LuaUserdata, MULTRET, type GlobalState, type LibTable, type LuaClosure, type LuaState, type LuaValue } from '@valua/vm';
import { HostIoError, type HostFile, type StdlibHost } from './host.js';
import { LuaFile } from './stdio.js';

/** A C string argument ends at its first NUL byte (fopen, "%s"). */
export function cstr(s: string): string {
  const z = s.indexOf('\0');
  return z < 0 ? s : s.slice(0, z);
}

const READ_ONLY = { read: true, write: false, append: false, truncate: false, create: false };

/** fopen(name, "r") through the host: throws HostIoError (ENOENT without a file system). */
export function openForReading(host: StdlibHost, name: string): HostFile {
  if (!host.fs) throw new HostIoError(2, 'No such file or directory');
  return host.fs.open(name, READ_ONLY);
}

const closedStdin: HostFile = {
  read: () => '',
  write: () => { throw new HostIoError(9, 'Bad file descriptor'); },
  seek: () => { throw new HostIoError(29, 'Illegal seek'); },
  flush: () => undefined,
  close: () => undefined,
};

/** The io library's stdin of each engine (set by openLibs when it opens io). */
const sharedStdin = new WeakMap<GlobalState, LuaFile>();

/** Makes `io`'s standard input the stream dofile()/loadfile() read (called after openIo). */
export function shareStdin(L: LuaState, io: { getStr(key: string): unknown }): void {
  const u = io.getStr('stdin');
  if (u instanceof LuaUserdata && u.data instanceof LuaFile) sharedStdin.set(L.g, u.data);
}

function stdinOf(L: LuaState, host: StdlibHost): LuaFile {
  let f = sharedStdin.get(L.g);
  if (f === undefined) {
    f = new LuaFile(host.stdin ?? closedStdin, true, false, true);
    sharedStdin.set(L.g, f);
  }
  return f;
}

/**
 * All that is left of the state's standard input, read through the same
 * buffer as io.read: what a command line loads for `-` or a piped script
 * (lua.c's luaL_loadfile(NULL) reads the stdin FILE that io.read uses).
 * A read failure throws CliFileError('read', strerror).
 */
export function readStdinRest(L: LuaState, host: StdlibHost): string {
  const f = stdinOf(L, host);
  f.error = undefined;
  const s = f.readChars(Infinity);
  const e = f.error as HostIoError | undefined;
  if (e !== undefined) throw new CliFileError('read', e.message);
  return s;
}

const ESC = '\x1b';

/**
 * luaL_loadfile: the chunk of file `name` (standard input when undefined),
 * or the message of a failure: "cannot open <name>: <strerror>" /
 * "cannot read <name>: ..." (with `fileError` set; "stdin" for standard
 * input), or the syntax error. A first line starting with '#' is skipped
 * (its newline kept, so line numbers hold); a binary chunk after it starts
 * at the file's first ESC byte, as luaL_loadfile's reopen-and-skip does.
 */
export function loadFile(L: LuaState, host: StdlibHost, name: string | undefined):
  { fn: LuaClosure } | { message: LuaValue; fileError: boolean } {
  const shown = name === undefined ? 'stdin' : cstr(name);
  let f: LuaFile;
  if (name === undefined) f = stdinOf(L, host);
  else {
    try {
      f = new LuaFile(openForReading(host, shown), true, false, false);
    } catch (e) {
      if (!(e instanceof HostIoError)) throw e;
      return { message: `cannot open ${shown}: ${e.message}`, fileError: true };
    }
  }
  f.error = undefined;
  let text = f.readChars(Infinity);
  const readError = f.error as HostIoError | undefined;
  if (name !== undefined) {
    try { f.close(); } catch { /* fclose's result is ignored */ }
  }
  if (readError !== undefined) return { message: `cannot read ${shown}: ${readError.message}`, fileError: true };
  if (text.charCodeAt(0) === 35 /* '#' */) {
    const nl = text.indexOf('\n');
    const rest = nl < 0 ? '' : text.slice(nl + 1);
    // lua5.1 reopens a named file in binary mode and skips to its first ESC
    if (rest[0] === ESC && name !== undefined) text = text.slice(text.indexOf(ESC));
    else text = `\n${rest}`;
  }
  try {
    return { fn: L.load(text, name === undefined ? '=stdin' : `@${shown}`, L.env) };
  } catch (e) {
    if (!(e instanceof LuaError)) throw e;
    return { message: e.value, fileError: false };
  }
}

/** luaL_optstring(L, 1, NULL): undefined for nil or none. */
function optName(L: LuaState): string | undefined {
  return L.arg(1) === undefined ? undefined : L.checkString(1);
}

/**
 * dofile and loadfile over the host's files, for openBase(L, files).
 * Without a file system every name fails to open ("No such file or
 * directory"); without a host stdin, standard input is empty.
 */
export function makeBaseFiles(host: StdlibHost): LibTable {
  return {
    // dofile([name]): runs the chunk, returns all its results; errors propagate
    dofile(L) {
      const top = L.top;
      const r = loadFile(L, host, optName(L));
      if (!('fn' in r)) throw new LuaError(r.message);
      L.push(r.fn);
      L.call(0, MULTRET);
      return L.top - top;
    },
    // loadfile([name]): the function, or nil and the message
    loadfile(L) {
      const r = loadFile(L, host, optName(L));
      if ('fn' in r) {
        L.push(r.fn);
        return 1;
      }
      L.push(undefined);
      L.push(r.message);
      return 2;
    },
  };
}
