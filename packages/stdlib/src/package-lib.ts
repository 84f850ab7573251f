// The package library (loadlib.c of Lua 5.1.5): require and module as
// globals; package.loaded (the registry's _LOADED), preload, loaders (preload,
// Lua files over package.path, C libraries over package.cpath, C "all in
// one" roots), path, cpath, config, loadlib and seeall.
//
// Valua loads no C code: it behaves as a lua5.1 built without dynamic
// libraries (loadlib.c's fallback). The C searchers still walk package.cpath
// through the host, so a miss lists the same "no file '...'" lines as
// lua5.1; a .so that exists fails with that build's message ("dynamic
// libraries not enabled; check your Lua installation"), as does loadlib.
//
// Invariants: require, module and the searchers use the package table and
// _LOADED captured when the library was opened (loadlib.c's environment and
// registry), not the globals a script may replace. Names are C strings: a
// module name ends at its first NUL, as every C call that sees it does.

import {
  LuaClosure, LuaHostFunction, LuaTable, LuaUserdata, frameAtLevel,
  type LibTable, type LuaState, type LuaValue,
} from '@valua/vm';
import type { StdlibHost } from './host.js';
import { cstr, loadFile, openForReading } from './base-files.js';

/** LUA_PATH_DEFAULT of Debian's lua5.1 (the reference binary): package.path without LUA_PATH. */
export const LUA_PATH_DEFAULT =
  './?.lua;/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua;' +
  '/usr/local/lib/lua/5.1/?.lua;/usr/local/lib/lua/5.1/?/init.lua;/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua';

/** LUA_CPATH_DEFAULT of Debian's lua5.1 on x86-64: package.cpath without LUA_CPATH. */
export const LUA_CPATH_DEFAULT =
  './?.so;/usr/local/lib/lua/5.1/?.so;/usr/lib/x86_64-linux-gnu/lua/5.1/?.so;/usr/lib/lua/5.1/?.so;' +
  '/usr/local/lib/lua/5.1/loadall.so';

/** loadlib.c's DLMSG: what a lua5.1 without dynamic libraries says about any C library. */
const DLMSG = 'dynamic libraries not enabled; check your Lua installation';

/** Marks a module being loaded (loadlib.c's sentinel light userdata). */
const SENTINEL = new LuaUserdata(undefined);

/** luaL_gsub: every non-overlapping `p` in `s`, left to right, replaced by `r`. */
function gsub(s: string, p: string, r: string): string {
  return s.split(p).join(r);
}

/**
 * setpath: the environment variable with ";;" standing for the default
 * (luaL_gsub to ";\1;", then "\1" to the default), or the default.
 */
function pathFrom(host: StdlibHost, envName: string, def: string): string {
  const v = host.getenv?.(envName);
  if (v === undefined) return def;
  return gsub(gsub(cstr(v), ';;', ';\x01;'), '\x01', def);
}

function isFunction(v: LuaValue): boolean {
  return v instanceof LuaClosure || v instanceof LuaHostFunction;
}

/** The registry's _LOADED table, created as luaL_findtable does (one hash slot) when missing. */
function loadedTable(L: LuaState): LuaTable {
  let t = L.g.registry.getStr('_LOADED');
  if (!(t instanceof LuaTable)) {
    t = new LuaTable(0, 1);
    L.g.registry.setStr('_LOADED', t);
  }
  return t;
}

/**
 * Records libraries already opened as globals in package.loaded, as
 * luaL_register does when it opens one; names whose global is not a table
 * are skipped. Call it in lua5.1's opening order: insertion order decides
 * pairs(package.loaded) order.
 */
export function registerLoaded(L: LuaState, names: readonly string[]): void {
  const loaded = loadedTable(L);
  for (const name of names) {
    const t = L.getGlobal(name);
    if (t instanceof LuaTable) loaded.setStr(name, t);
  }
}

/**
 * luaL_findtable on `t`: walks "a.b.c", creating missing tables (looked up
 * raw, stored with __newindex as lua_settable); undefined when a part holds
 * a non-table value (the name conflict).
 */
function findTable(L: LuaState, t: LuaTable, fname: string, szhint: number): LuaTable | undefined {
  let cur = t;
  let start = 0;
  for (;;) {
    const dot = fname.indexOf('.', start);
    const e = dot < 0 ? fname.length : dot;
    const key = fname.slice(start, e);
    let v = cur.get(key);
    if (v === undefined) {
      const nt = new LuaTable(0, dot >= 0 ? 1 : szhint);
      L.setIndex(cur, key, nt);
      v = nt;
    } else if (!(v instanceof LuaTable)) return undefined;
    cur = v;
    if (dot < 0) return cur;
    start = dot + 1;
  }
}

/**
 * luaopen_package: the `package` table (also returned), then the globals
 * `module` and `require`. `opened` names the libraries opened before it,
 * recorded first in package.loaded (luaL_openlibs opens base, which
 * registers "_G" and "coroutine", before package).
 */
export function openPackage(L: LuaState, host: StdlibHost, opened: readonly string[] = ['_G', 'coroutine']): LuaTable {
  registerLoaded(L, opened);
  const loaded = loadedTable(L);
  let pkg: LuaTable;

  /** readable(): fopen(name, "r") succeeds. */
  const readable = (name: string): boolean => {
    try {
      openForReading(host, name).close();
      return true;
    } catch {
      return false;
    }
  };

  /**
   * findfile: the first template of package[pname] whose file is readable,
   * or the "\n\tno file '...'" lines of every one tried.
   */
  const findFile = (L: LuaState, name: string, pname: 'path' | 'cpath'): { file: string } | { tried: string } => {
    const sub = gsub(name, '.', '/');
    const path = L.toStr(L.index(pkg, pname));
    if (path === undefined) throw L.error(`'package.${pname}' must be a string`);
    let tried = '';
    for (const template of cstr(path).split(';')) {
      if (template === '') continue;
      const file = gsub(template, '?', sub);
      if (readable(file)) return { file };
      tried += `\n\tno file '${file}'`;
    }
    return { tried };
  };

  const loadError = (L: LuaState, name: string, file: string, msg: string): never => {
    throw L.error(`error loading module '${name}' from file '${file}':\n\t${msg}`);
  };

  const loaderPreload = (L: LuaState): number => {
    const name = cstr(L.checkString(1));
    const preload = L.index(pkg, 'preload');
    if (!(preload instanceof LuaTable)) throw L.error("'package.preload' must be a table");
    const f = L.index(preload, name);
    L.push(f === undefined ? `\n\tno field package.preload['${name}']` : f);
    return 1;
  };

  const loaderLua = (L: LuaState): number => {
    const name = cstr(L.checkString(1));
    const found = findFile(L, name, 'path');
    if (!('file' in found)) {
      L.push(found.tried);
      return 1;
    }
    const r = loadFile(L, host, found.file);
    if (!('fn' in r)) return loadError(L, name, found.file, L.toStr(r.message) ?? '(null)');
    L.push(r.fn);
    return 1;
  };

  const loaderC = (L: LuaState): number => {
    const name = cstr(L.checkString(1));
    const found = findFile(L, name, 'cpath');
    if (!('file' in found)) {
      L.push(found.tried);
      return 1;
    }
    return loadError(L, name, found.file, DLMSG);
  };

  const loaderCroot = (L: LuaState): number => {
    const name = cstr(L.checkString(1));
    const dot = name.indexOf('.');
    if (dot < 0) return 0; // a root: loader_C has searched for it
    const found = findFile(L, name.slice(0, dot), 'cpath');
    if (!('file' in found)) {
      L.push(found.tried);
      return 1;
    }
    return loadError(L, name, found.file, DLMSG);
  };

  /** Calls f(arg) with one result (lua_call(L, 1, 1)). */
  const call1 = (L: LuaState, f: LuaValue, arg: LuaValue): LuaValue => {
    L.push(f);
    L.push(arg);
    L.call(1, 1);
    return L.stack[--L.top];
  };

  const require = (L: LuaState): number => {
    const name = cstr(L.checkString(1));
    const have = L.index(loaded, name);
    if (have !== undefined && have !== false) {
      if (have === SENTINEL) throw L.error(`loop or previous error loading module '${name}'`);
      L.push(have);
      return 1;
    }
    const loaders = L.index(pkg, 'loaders');
    if (!(loaders instanceof LuaTable)) throw L.error("'package.loaders' must be a table");
    let tried = '';
    let loader: LuaValue;
    for (let i = 1; ; i++) {
      const searcher = loaders.getInt(i);
      if (searcher === undefined) throw L.error(`module '${name}' not found:${tried}`);
      const r = call1(L, searcher, name);
      if (isFunction(r)) {
        loader = r;
        break;
      }
      const s = L.toStr(r); // lua_isstring: numbers too, concatenated as text
      if (s !== undefined) tried += s;
    }
    L.setIndex(loaded, name, SENTINEL);
    const result = call1(L, loader, name);
    if (result !== undefined) L.setIndex(loaded, name, result);
    let value = L.index(loaded, name);
    if (value === SENTINEL) {
      value = true;
      L.setIndex(loaded, name, true);
    }
    L.push(value);
    return 1;
  };

  const module = (L: LuaState): number => {
    const modname = cstr(L.checkString(1));
    const nargs = L.argCount();
    let mod = L.index(loaded, modname);
    if (!(mod instanceof LuaTable)) {
      const t = findTable(L, L.env, modname, 1);
      if (t === undefined) throw L.error(`name conflict for module '${modname}'`);
      mod = t;
      L.setIndex(loaded, modname, mod);
    }
    if (L.index(mod, '_NAME') === undefined) {
      // modinit: _M, _NAME and _PACKAGE (the name up to its last dot, included)
      L.setIndex(mod, '_M', mod);
      L.setIndex(mod, '_NAME', modname);
      L.setIndex(mod, '_PACKAGE', modname.slice(0, modname.lastIndexOf('.') + 1));
    }
    // setfenv: the calling function's environment becomes the module
    const ci = frameAtLevel(L, 1);
    const caller = ci >= 0 ? L.frames[ci]!.closure : undefined;
    if (ci === -1 || (ci >= 0 && caller === undefined)) throw L.error("'module' not called from a Lua function");
    if (caller !== undefined) caller.env = mod;
    // dooptions: each extra argument is called with the module
    for (let i = 2; i <= nargs; i++) {
      L.push(L.arg(i));
      L.push(mod);
      L.call(1, 0);
    }
    return 0;
  };

  const packageFunctions: LibTable = {
    loadlib(L) {
      L.checkString(1);
      L.checkString(2);
      L.push(undefined);
      L.push(DLMSG);
      L.push('absent'); // loadlib.c's LIB_FAIL without dynamic libraries
      return 3;
    },
    seeall(L) {
      const t = L.checkTable(1);
      let mt = t.metatable;
      if (mt === undefined) {
        mt = new LuaTable(0, 1);
        t.setMetatable(mt);
      }
      L.setIndex(mt, '__index', L.env);
      return 0;
    },
  };

  pkg = L.register('package', packageFunctions);
  loaded.setStr('package', pkg);
  const loaders = new LuaTable(4, 0);
  loaders.setInt(1, new LuaHostFunction('loader_preload', loaderPreload));
  loaders.setInt(2, new LuaHostFunction('loader_Lua', loaderLua));
  loaders.setInt(3, new LuaHostFunction('loader_C', loaderC));
  loaders.setInt(4, new LuaHostFunction('loader_Croot', loaderCroot));
  pkg.setStr('loaders', loaders);
  pkg.setStr('path', pathFrom(host, 'LUA_PATH', LUA_PATH_DEFAULT));
  pkg.setStr('cpath', pathFrom(host, 'LUA_CPATH', LUA_CPATH_DEFAULT));
  pkg.setStr('config', '/\n;\n?\n!\n-');
  pkg.setStr('loaded', loaded);
  pkg.setStr('preload', new LuaTable());
  L.register(undefined, { module, require });
  return pkg;
}

/** Runs `fn(L)` as a preload loader: package.preload[name] = a function returning fn's table. */
export function addPreload(L: LuaState, name: string, open: (L: LuaState) => LuaTable): void {
  const pkg = loadedTable(L).getStr('package');
  const preload = pkg instanceof LuaTable ? pkg.getStr('preload') : undefined;
  if (!(preload instanceof LuaTable)) throw new Error('addPreload: the package library is not open');
  preload.setStr(name, new LuaHostFunction(name, (L2) => {
    L2.push(open(L2));
    return 1;
  }));
}
