// The debug library (ldblib.c): debug (the prompt), getinfo,
// getlocal/setlocal, getupvalue/setupvalue, get/setmetatable (including the
// per-type metatables), get/setfenv, getregistry, sethook/gethook (the
// hooks themselves fire in ../hooks.ts) and traceback (db_errorfunc, which
// lua.c's message handler calls for every uncaught error). Registered in
// ldblib.c's order, so pairs(debug) lists lua5.1's order.

import { LuaState } from '../state.js';
import type { LibTable } from '../state.js';
import { LuaTable } from '../table.js';
import type { LuaValue } from '../value.js';
import { LuaClosure, LuaHostFunction, LuaUserdata } from '../value.js';
import { chunkId, currentLine, currentPc, frameAtLevel, funcName, localName, traceback } from '../debug.js';
import { typeNameOf } from '../messages.js';
import { checkInt } from './base.js';
import { LuaError } from '../errors.js';
import { makeMask, setHook, unmakeMask } from '../hooks.js';
import { noteMetatable } from '../weak.js';

/** getthread: an optional thread first argument; returns [thread, arg offset]. */
function getThread(L: LuaState): [LuaState, number] {
  const t = L.arg(1);
  return t instanceof LuaState ? [t, 1] : [L, 0];
}

function isFunction(v: LuaValue): v is LuaClosure | LuaHostFunction {
  return v instanceof LuaClosure || v instanceof LuaHostFunction;
}

/** debug.getinfo([thread,] f | level [, what]) as db_getinfo + lua_getinfo. */
function dbGetinfo(L: LuaState): number {
  const [L1, arg] = getThread(L);
  const options = L.optString(arg + 2, 'flnSu');
  const target = L.arg(arg + 1);
  let ci = -1; // frame index, -1 = a function given directly
  let fn: LuaClosure | LuaHostFunction | undefined;
  if (typeof target === 'number' || (typeof target === 'string' && L.toNumber(target) !== undefined)) {
    const level = checkInt(L, arg + 1);
    const found = level < 0 ? -1 : frameAtLevel(L1, level);
    if (found === -1) { L.push(undefined); return 1; }
    ci = found;
    if (found >= 0) {
      const f = L1.frames[found]!;
      fn = f.closure ?? f.host;
    }
  } else if (isFunction(target)) {
    fn = target;
  } else {
    throw L.argError(arg + 1, 'function or level expected');
  }
  for (let i = 0; i < options.length; i++) {
    if ('SlunLf'.indexOf(options[i]!) < 0) throw L.argError(arg + 2, 'invalid option');
  }
  const t = new LuaTable(0, 2);
  const has = (c: string): boolean => options.indexOf(c) >= 0;
  const tail = ci === -2;
  if (has('S')) {
    let source: string;
    let lined: number;
    let lastlined: number;
    let what: string;
    if (tail) { source = '=(tail call)'; lined = -1; lastlined = -1; what = 'tail'; }
    else if (fn instanceof LuaClosure) {
      const p = fn.proto;
      source = p.source;
      lined = p.lineDefined;
      lastlined = p.lastLineDefined;
      what = lined === 0 ? 'main' : 'Lua';
    } else { source = '=[C]'; lined = -1; lastlined = -1; what = 'C'; }
    t.setStr('source', source);
    t.setStr('short_src', chunkId(source));
    t.setStr('linedefined', lined);
    t.setStr('lastlinedefined', lastlined);
    t.setStr('what', what);
  }
  if (has('l')) t.setStr('currentline', ci >= 0 ? currentLine(L1.frames[ci]!) : -1);
  if (has('u')) t.setStr('nups', fn instanceof LuaClosure ? fn.upvals.length : 0);
  if (has('n')) {
    const nm = ci >= 0 ? funcName(L1, ci) : undefined;
    t.setStr('name', tail ? '' : nm === undefined ? undefined : nm[1]);
    t.setStr('namewhat', tail || nm === undefined ? '' : nm[0]);
  }
  if (has('L')) {
    if (fn instanceof LuaClosure) {
      const lines = new LuaTable();
      const li = fn.proto.lineinfo;
      for (let i = 0; i < li.length; i++) lines.setInt(li[i]!, true);
      t.setStr('activelines', lines);
    } else t.setStr('activelines', undefined);
  }
  if (has('f')) t.setStr('func', fn);
  L.push(t);
  return 1;
}

/** findlocal: the name of local n of frame ci (or "(*temporary)"), and its slot. */
function findLocal(L1: LuaState, ci: number, n: number): [string, number] | undefined {
  const f = L1.frames[ci]!;
  if (f.closure !== undefined) {
    const name = localName(f.closure.proto, n, currentPc(f));
    if (name !== undefined) return [name, f.base + n - 1];
  }
  const limit = ci === L1.ci ? L1.top : L1.frames[ci + 1]!.func;
  if (limit - f.base >= n && n > 0) return ['(*temporary)', f.base + n - 1];
  return undefined;
}

function dbGetlocal(L: LuaState): number {
  const [L1, arg] = getThread(L);
  const level = checkInt(L, arg + 1);
  const ci = level < 0 ? -1 : frameAtLevel(L1, level);
  if (ci < 0) throw L.argError(arg + 1, 'level out of range');
  const found = findLocal(L1, ci, checkInt(L, arg + 2));
  if (found === undefined) { L.push(undefined); return 1; }
  L.push(found[0]);
  L.push(L1.stack[found[1]]);
  return 2;
}

function dbSetlocal(L: LuaState): number {
  const [L1, arg] = getThread(L);
  const level = checkInt(L, arg + 1);
  const ci = level < 0 ? -1 : frameAtLevel(L1, level);
  if (ci < 0) throw L.argError(arg + 1, 'level out of range');
  L.checkAny(arg + 3);
  const found = findLocal(L1, ci, checkInt(L, arg + 2));
  if (found === undefined) { L.push(undefined); return 1; }
  L1.stack[found[1]] = L.arg(arg + 3);
  L.push(found[0]);
  return 1;
}

/** auxupvalue: Lua functions only ("cannot touch C upvalues from Lua"). */
function auxUpvalue(L: LuaState, get: boolean): number {
  const n = checkInt(L, 2);
  L.checkType(1, 'function');
  const f = L.arg(1);
  if (!(f instanceof LuaClosure)) return 0;
  const names = f.proto.upvalueNames;
  if (!(n >= 1 && n <= names.length)) return 0;
  const uv = f.upvals[n - 1]!;
  if (get) {
    L.push(names[n - 1]);
    L.push(uv.get());
    return 2;
  }
  L.checkAny(3);
  uv.set(L.arg(3));
  L.push(names[n - 1]);
  return 1;
}

function dbGetupvalue(L: LuaState): number { return auxUpvalue(L, true); }
function dbSetupvalue(L: LuaState): number { return auxUpvalue(L, false); }

function dbGetmetatable(L: LuaState): number {
  L.checkAny(1);
  L.push(L.getMetatable(L.arg(1)));
  return 1;
}

/** lua_setmetatable: tables and userdata have their own; other types share one per type. */
function dbSetmetatable(L: LuaState): number {
  const mt = L.arg(2);
  if (!(mt === undefined || mt instanceof LuaTable) || L.argCount() < 2) throw L.argError(2, 'nil or table expected');
  const v = L.arg(1);
  if (v instanceof LuaTable) {
    v.setMetatable(mt);
    noteMetatable(v, mt);
  } else if (v instanceof LuaUserdata) v.metatable = mt;
  else if (typeof v === 'string') L.g.stringMetatable = mt;
  else if (mt === undefined) L.g.typeMetatables.delete(typeNameOf(v));
  else L.g.typeMetatables.set(typeNameOf(v), mt);
  L.push(true);
  return 1;
}

function dbGetfenv(L: LuaState): number {
  const v = L.arg(1);
  if (v instanceof LuaClosure) L.push(v.env);
  else if (v instanceof LuaHostFunction) L.push(v.env ?? L.g.globals);
  else if (v instanceof LuaUserdata) L.push(v.env);
  else if (v instanceof LuaState) L.push(v.env);
  else L.push(undefined);
  return 1;
}

function dbSetfenv(L: LuaState): number {
  const env = L.checkTable(2);
  const v = L.arg(1);
  if (v instanceof LuaClosure || v instanceof LuaHostFunction || v instanceof LuaUserdata || v instanceof LuaState) v.env = env;
  else throw L.error("'setfenv' cannot change environment of given object");
  L.push(v);
  return 1;
}

function dbGetregistry(L: LuaState): number {
  L.push(L.g.registry);
  return 1;
}

/** debug.traceback([thread,] [msg [, level]]) as ldblib.c's db_errorfunc. */
function dbTraceback(L: LuaState): number {
  const [L1, arg] = getThread(L);
  let level = L === L1 ? 1 : 0;
  const lv = L.arg(arg + 2);
  if (typeof lv === 'number' || (typeof lv === 'string' && L.toNumber(lv) !== undefined)) level = checkInt(L, arg + 2);
  const msg = L.arg(arg + 1);
  const nargs = L.argCount();
  if (nargs > arg && typeof msg !== 'string' && typeof msg !== 'number') {
    L.push(msg);
    return 1;
  }
  // level 0 is traceback's own frame; 1 the function that called it.
  const text = nargs > arg ? L.toStr(msg) : undefined;
  L.push(traceback(L1, text, level));
  return 1;
}

/**
 * debug.sethook([thread,] [f, mask [, count]]) as db_sethook: no function
 * turns the hook off; the function is kept even with an empty mask
 * (gethook returns it, as the hook table still holds it).
 */
function dbSethook(L: LuaState): number {
  const [L1, arg] = getThread(L);
  if (L.arg(arg + 1) === undefined) {
    L.setTop(arg + 1);
    setHook(L1, undefined, 0, 0);
    return 0;
  }
  const smask = L.checkString(arg + 2);
  const fn = L.checkType(arg + 1, 'function') as LuaClosure | LuaHostFunction;
  const count = L.optInt(arg + 3, 0);
  setHook(L1, fn, makeMask(smask, count), count);
  return 0;
}

/** debug.gethook([thread]): hook function, mask letters, count. */
function dbGethook(L: LuaState): number {
  const [L1] = getThread(L);
  L.push(L1.hookFn);
  L.push(unmakeMask(L1.hookMask));
  L.push(L1.baseHookCount);
  return 3;
}

/**
 * The io library's file `name` ("stdin", "stderr") as registered in
 * _LOADED.io (what C stdio is to ldblib), else in the global `io`.
 */
function stdFile(L: LuaState, name: string): LuaValue {
  const loaded = L.g.registry.getStr('_LOADED');
  let io = loaded instanceof LuaTable ? loaded.getStr('io') : undefined;
  if (!(io instanceof LuaTable)) io = L.getGlobal('io');
  return io instanceof LuaTable ? io.getStr(name) : undefined;
}

/** Calls file:method(arg) through the io library; the first result. */
function fileCall(L: LuaState, file: LuaValue, method: string, a: LuaValue): LuaValue {
  const m = L.index(file, method);
  return L.invoke(m, [file, a])[0];
}

/**
 * db_debug: prompts "lua_debug> " on stderr and runs each line read from
 * stdin as a chunk "=(debug command)" until "cont" or end of input; errors
 * are printed to stderr. Lines are read as fgets into 250 bytes does (a
 * longer line arrives in pieces). Standard input and error are the io
 * library's (stdin buffering is shared with io.read, as C stdio's is);
 * without an io library there is no input: it returns at once.
 */
function dbDebug(L: LuaState): number {
  const input = stdFile(L, 'stdin');
  const errf = stdFile(L, 'stderr');
  const say = (s: string): void => {
    if (errf !== undefined) fileCall(L, errf, 'write', s);
  };
  for (;;) {
    say('lua_debug> ');
    if (input === undefined) return 0;
    let line = '';
    while (line.length < 249) {
      const c = fileCall(L, input, 'read', 1);
      if (typeof c !== 'string') break;
      line += c;
      if (c === '\n') break;
    }
    if (line === '' || line === 'cont\n') return 0;
    let msg: LuaValue;
    try {
      const fn = L.load(line, '=(debug command)');
      const func = L.top;
      L.push(fn);
      if (L.pcall(0, 0) !== 0) msg = L.stack[func];
      L.top = func;
    } catch (e) {
      msg = e instanceof LuaError ? e.value : String(e);
    }
    if (msg !== undefined) {
      say(`${L.toStr(msg) ?? '(null)'}\n`);
    }
  }
}

export const debugLib: LibTable = {
  debug: dbDebug,
  getfenv: dbGetfenv,
  gethook: dbGethook,
  getinfo: dbGetinfo,
  getlocal: dbGetlocal,
  getregistry: dbGetregistry,
  getmetatable: dbGetmetatable,
  getupvalue: dbGetupvalue,
  setfenv: dbSetfenv,
  sethook: dbSethook,
  setlocal: dbSetlocal,
  setmetatable: dbSetmetatable,
  setupvalue: dbSetupvalue,
  traceback: dbTraceback,
};
