// The base library (lbaselib.c) minus dofile/loadfile (files are the CLI's
// business): print, type, tostring, tonumber, pcall, xpcall, error, assert,
// select, unpack, {get,set}metatable, raw*, next/pairs/ipairs,
// getfenv/setfenv, loadstring, load, collectgarbage, gcinfo, _G, _VERSION.
// Messages and argument checks follow lbaselib.c call by call, so the
// "bad argument" texts match lua5.1's.

import { LuaError, LUA_OK } from '../errors.js';
import { LuaTable, InvalidNextKey, nextEntry } from '../table.js';
import type { HostFunction, LuaValue } from '../value.js';
import { LuaClosure, LuaHostFunction, LuaUserdata } from '../value.js';
import type { LuaState, LibTable } from '../state.js';
import { MULTRET } from '../state.js';
import { numberToString, stringToNumber, stringToNumberBase } from '../number.js';
import { pcall as protectedCall, pcallKeepHandler, errorThroughHandler } from '../call.js';
import { tostring as tostringMeta, tostringRaw } from '../ops.js';
import { typeNameOf, runtimeError } from '../messages.js';
import { frameAtLevel, where } from '../debug.js';
import { noteMetatable, requestCollection } from '../weak.js';

/** luaL_checkint: the lua_Integer truncated to a C int. */
export function checkInt(L: LuaState, n: number): number {
  return L.checkInteger(n) | 0;
}

function optInt(L: LuaState, n: number, def: number): number {
  return L.arg(n) === undefined ? def : checkInt(L, n);
}

function isFunction(v: LuaValue): boolean {
  return v instanceof LuaClosure || v instanceof LuaHostFunction;
}

/** fputs: a C string ends at its first NUL byte. */
function cstr(s: string): string {
  const z = s.indexOf('\0');
  return z < 0 ? s : s.slice(0, z);
}

function basePrint(L: LuaState, base: number, nargs: number): number {
  const tostringFn = L.getGlobal('tostring');
  let out = '';
  for (let i = 0; i < nargs; i++) {
    const v = L.stack[base + i];
    let s: LuaValue;
    // Fast path when the call would be invisible: the built-in tostring on
    // a value without __tostring (with one, tracebacks show tostring's frame;
    // with a hook set, call and return hooks show the call).
    if (tostringFn instanceof LuaHostFunction && tostringFn.fn === baseTostring && !hasTostringMeta(v) && L.hookMask === 0) s = tostringRaw(v);
    else {
      // lua5.1 writes each piece as it goes: what the call prints (a hook, a
      // __tostring) comes after the pieces before it.
      if (out !== '') { L.g.write(out); out = ''; }
      L.push(tostringFn);
      L.push(v);
      L.call(1, 1);
      s = L.stack[--L.top];
    }
    if (typeof s === 'number') s = numberToString(s);
    else if (typeof s !== 'string') throw L.error("'tostring' must return a string to 'print'");
    if (i > 0) out += '\t';
    out += cstr(s);
  }
  L.g.write(out + '\n');
  return 0;
}

function hasTostringMeta(v: LuaValue): boolean {
  if (v instanceof LuaTable || v instanceof LuaUserdata) return v.metatable !== undefined && v.metatable.getStr('__tostring') !== undefined;
  return false;
}

function baseType(L: LuaState): number {
  L.push(typeNameOf(L.checkAny(1)));
  return 1;
}

function baseTostring(L: LuaState): number {
  L.push(tostringMeta(L, L.checkAny(1)));
  return 1;
}

function baseTonumber(L: LuaState): number {
  const b = optInt(L, 2, 10);
  if (b === 10) {
    const v = L.checkAny(1);
    if (typeof v === 'number') { L.push(v); return 1; }
    if (typeof v === 'string') { L.push(stringToNumber(v)); return 1; }
    L.push(undefined);
    return 1;
  }
  const s = L.checkString(1);
  if (!(b >= 2 && b <= 36)) throw L.argError(2, 'base out of range');
  L.push(stringToNumberBase(s, b));
  return 1;
}

function basePcall(L: LuaState, base: number): number {
  L.checkAny(1);
  const status = protectedCall(L, base, MULTRET);
  // Results (or the error value) start at base; put the status below them.
  L.stack[base - 1] = status === LUA_OK;
  return L.top - base + 1;
}

function baseXpcall(L: LuaState, base: number): number {
  L.checkAny(2);
  const handler = L.stack[base + 1];
  L.top = base + 1;
  const status = protectedCall(L, base, MULTRET, handler, true);
  L.stack[base - 1] = status === LUA_OK;
  return L.top - base + 1;
}

function baseError(L: LuaState): number {
  const level = optInt(L, 2, 1);
  let v = L.arg(1);
  if ((typeof v === 'string' || typeof v === 'number') && level > 0) {
    v = where(L, level) + (typeof v === 'number' ? numberToString(v) : v);
  }
  throw new LuaError(v);
}

function baseAssert(L: LuaState): number {
  const v = L.checkAny(1);
  if (v === undefined || v === false) throw L.error(L.optString(2, 'assertion failed!'));
  return L.argCount();
}

function baseSelect(L: LuaState, base: number, nargs: number): number {
  const first = L.stack[base];
  if (typeof first === 'string' && first.charCodeAt(0) === 35 /* # */) {
    L.push(nargs - 1);
    return 1;
  }
  let i = checkInt(L, 1);
  if (i < 0) i = nargs + i;
  else if (i > nargs) i = nargs;
  if (i < 1) throw L.argError(1, 'index out of range');
  return nargs - i;
}

/** LUAI_MAXCSTACK: lua_checkstack refuses to grow past this many slots. */
const MAX_C_STACK = 8000;

function baseUnpack(L: LuaState, _base: number, nargs: number): number {
  const t = L.checkTable(1);
  let i = optInt(L, 2, 1);
  const e = L.arg(3) === undefined ? t.length() : checkInt(L, 3);
  if (i > e) return 0;
  const n = e - i + 1;
  if (n <= 0 || n >= MAX_C_STACK || nargs + n > MAX_C_STACK) throw L.error('too many results to unpack');
  L.push(t.getInt(i));
  while (i++ < e) L.push(t.getInt(i));
  return n;
}

function baseGetmetatable(L: LuaState): number {
  const v = L.checkAny(1);
  const mt = L.getMetatable(v);
  if (mt === undefined) { L.push(undefined); return 1; }
  const protectedMt = mt.getStr('__metatable');
  L.push(protectedMt !== undefined ? protectedMt : mt);
  return 1;
}

function baseSetmetatable(L: LuaState): number {
  const mt = L.arg(2);
  const t = L.checkTable(1);
  // An absent second argument is LUA_TNONE, neither nil nor table.
  if (!(mt instanceof LuaTable) && (mt !== undefined || L.argCount() < 2)) throw L.argError(2, 'nil or table expected');
  if (t.metatable !== undefined && t.metatable.getStr('__metatable') !== undefined) {
    throw L.error('cannot change a protected metatable');
  }
  t.setMetatable(mt);
  noteMetatable(t, mt);
  L.push(t);
  return 1;
}

function baseRawget(L: LuaState): number {
  const t = L.checkTable(1);
  L.push(t.get(L.checkAny(2)));
  return 1;
}

function baseRawset(L: LuaState): number {
  const t = L.checkTable(1);
  const k = L.checkAny(2);
  const v = L.checkAny(3);
  if (k === undefined) throw runtimeError(L, 'table index is nil');
  if (k !== k) throw runtimeError(L, 'table index is NaN');
  t.set(k, v);
  L.push(t);
  return 1;
}

function baseRawequal(L: LuaState): number {
  const a = L.checkAny(1);
  const b = L.checkAny(2);
  L.push(a === b);
  return 1;
}

export function baseNext(L: LuaState): number {
  const t = L.checkTable(1);
  let found: boolean;
  try {
    found = t.next(L.arg(2));
  } catch (e) {
    if (e instanceof InvalidNextKey) throw runtimeError(L, e.message);
    throw e;
  }
  if (!found) { L.push(undefined); return 1; }
  L.push(nextEntry.key);
  L.push(nextEntry.value);
  return 2;
}

/** pairs returns its own `next` (5.1: pairs({}) ~= next). */
const pairsNext = new LuaHostFunction('next', baseNext);

function basePairs(L: LuaState): number {
  const t = L.checkTable(1);
  L.push(pairsNext);
  L.push(t);
  L.push(undefined);
  return 3;
}

export function ipairsAux(L: LuaState): number {
  let i = checkInt(L, 2);
  const t = L.checkTable(1);
  i++;
  const v = t.getInt(i);
  if (v === undefined) return 0;
  L.push(i);
  L.push(v);
  return 2;
}
const ipairsIter = new LuaHostFunction('ipairs', ipairsAux);

function baseIpairs(L: LuaState): number {
  const t = L.checkTable(1);
  L.push(ipairsIter);
  L.push(t);
  L.push(0);
  return 3;
}

/** getfunc: the function at a stack level, or the function argument itself. */
function getfunc(L: LuaState, opt: boolean): LuaValue {
  const v = L.arg(1);
  if (isFunction(v)) return v;
  const level = opt ? optInt(L, 1, 1) : checkInt(L, 1);
  if (level < 0) throw L.argError(1, 'level must be non-negative');
  const ci = frameAtLevel(L, level);
  if (ci === -1) throw L.argError(1, 'invalid level');
  if (ci === -2) throw L.error(`no function environment for tail call at level ${level}`);
  const f = L.frames[ci]!;
  return f.closure ?? f.host;
}

function baseGetfenv(L: LuaState): number {
  const fn = getfunc(L, true);
  if (fn instanceof LuaClosure) L.push(fn.env);
  else L.push(L.env);
  return 1;
}

function baseSetfenv(L: LuaState): number {
  const env = L.checkTable(2);
  const fn = getfunc(L, false);
  const a1 = L.arg(1);
  if (L.toNumber(a1) === 0) {
    L.env = env;
    return 0;
  }
  if (!(fn instanceof LuaClosure)) throw L.error("'setfenv' cannot change environment of given object");
  fn.env = env;
  L.push(fn);
  return 1;
}

/** load_aux: the function, or nil plus the message. */
function loadAux(L: LuaState, source: string, chunkName: string): number {
  try {
    L.push(L.load(source, chunkName, L.env));
    return 1;
  } catch (e) {
    if (!(e instanceof LuaError)) throw e;
    L.push(undefined);
    L.push(e.value);
    return 2;
  }
}

function baseLoadstring(L: LuaState): number {
  const s = L.checkString(1);
  const name = L.optString(2, s);
  return loadAux(L, s, name);
}

function baseLoad(L: LuaState, base: number): number {
  const cname = L.optString(2, '=(load)');
  L.checkType(1, 'function');
  L.setTop(3);
  // generic_reader: call the function until it returns nil or "". lua_load
  // runs it protected, under the message handler in force.
  const parts: string[] = [];
  for (;;) {
    const func = L.top;
    L.push(L.stack[base]);
    if (pcallKeepHandler(L, func, 1) !== LUA_OK) {
      const msg = L.stack[func];
      L.top = func;
      L.push(undefined);
      L.push(msg);
      return 2;
    }
    const r = L.stack[--L.top];
    if (r === undefined) break;
    if (typeof r === 'number') { parts.push(numberToString(r)); continue; }
    if (typeof r !== 'string') {
      const msg = errorThroughHandler(L, where(L, 1) + 'reader function must return a string');
      L.push(undefined);
      L.push(msg);
      return 2;
    }
    if (r.length === 0) break;
    parts.push(r);
  }
  return loadAux(L, parts.join(''), cname);
}

/** Metatables made by newproxy(true): the ones newproxy(u) accepts to share. */
const proxyMetatables = new WeakSet<LuaTable>();

/** newproxy([false | true | proxy]): a zero-size userdata, optionally with a (shared) metatable. */
function baseNewproxy(L: LuaState): number {
  const a = L.arg(1);
  const u = new LuaUserdata(undefined);
  if (a === undefined || a === false) { L.push(u); return 1; }
  if (a === true) {
    const mt = new LuaTable();
    proxyMetatables.add(mt);
    u.metatable = mt;
  } else {
    const mt = L.getMetatable(a);
    if (mt === undefined || !proxyMetatables.has(mt)) throw L.argError(1, 'boolean or proxy expected');
    u.metatable = mt;
  }
  L.push(u);
  return 1;
}

const GC_OPTIONS = ['stop', 'restart', 'collect', 'count', 'step', 'setpause', 'setstepmul'];

/** lua_gc's settings of one engine: 5.1's defaults (LUAI_GCPAUSE, LUAI_GCMUL). */
interface GcSettings {
  pause: number;
  stepmul: number;
  /** Work done by "step" calls since the last cycle ended. */
  steps: number;
}

const gcSettings = new WeakMap<object, GcSettings>();

function settingsOf(L: LuaState): GcSettings {
  let s = gcSettings.get(L.g);
  if (s === undefined) {
    s = { pause: 200, stepmul: 200, steps: 0 };
    gcSettings.set(L.g, s);
  }
  return s;
}

/** Steps of size 0 that make up a cycle (lua5.1 from a fresh state ends one in about 10). */
const STEPS_PER_CYCLE = 10;

/**
 * collectgarbage(opt [, arg]) as luaB_collectgarbage + lua_gc: "collect"
 * (and "step" when it ends a cycle) runs a real collection where the host
 * has one (weak.ts: weak tables lose their collected entries); "count" is
 * the JS heap in use, in KB as a float; "setpause"/"setstepmul" store the
 * value and return the previous one; "stop"/"restart" are accepted (the
 * JS collector cannot be stopped; automatic cycles never clear weak
 * tables anyway). "step" ends a cycle (true) when its size is positive or
 * after STEPS_PER_CYCLE plain steps.
 */
function baseCollectgarbage(L: LuaState): number {
  const opt = L.optString(1, 'collect');
  const o = GC_OPTIONS.indexOf(opt);
  if (o < 0) throw L.argError(1, `invalid option '${opt}'`);
  const data = L.optInt(2, 0);
  const s = settingsOf(L);
  switch (opt) {
    case 'count':
      L.push(heapKb());
      return 1;
    case 'step': {
      const ends = data > 0 || ++s.steps >= STEPS_PER_CYCLE;
      if (ends) {
        s.steps = 0;
        requestCollection(L);
      }
      L.push(ends);
      return 1;
    }
    case 'setpause':
      L.push(s.pause);
      s.pause = data;
      return 1;
    case 'setstepmul':
      L.push(s.stepmul);
      s.stepmul = data;
      return 1;
    case 'collect':
      s.steps = 0;
      requestCollection(L);
      L.push(0);
      return 1;
    default:
      L.push(0);
      return 1;
  }
}

/** The JS heap in use, in KB (1024 when the host does not tell). */
function heapKb(): number {
  const mem = (globalThis as { process?: { memoryUsage?: () => { heapUsed: number } } }).process?.memoryUsage;
  return mem !== undefined ? mem().heapUsed / 1024 : 1024;
}

/** gcinfo(): lua_getgccount, whole KB. */
function baseGcinfo(L: LuaState): number {
  L.push(Math.floor(heapKb()));
  return 1;
}

/** In lbaselib.c's base_funcs order: registration order decides pairs(_G) order. */
export const baseLib: LibTable = {
  assert: baseAssert,
  collectgarbage: baseCollectgarbage,
  error: baseError,
  gcinfo: baseGcinfo,
  getfenv: baseGetfenv,
  getmetatable: baseGetmetatable,
  load: baseLoad,
  loadstring: baseLoadstring,
  next: baseNext,
  pcall: basePcall,
  print: basePrint,
  rawequal: baseRawequal,
  rawget: baseRawget,
  rawset: baseRawset,
  select: baseSelect,
  setfenv: baseSetfenv,
  setmetatable: baseSetmetatable,
  tonumber: baseTonumber,
  tostring: baseTostring,
  type: baseType,
  unpack: baseUnpack,
  xpcall: baseXpcall,
};

/**
 * baseLib with the file functions an embedder supplies (dofile, loadfile:
 * @valua/stdlib's makeBaseFiles) at their places in base_funcs.
 */
function withFiles(files: LibTable): LibTable {
  const lib: Record<string, HostFunction> = {};
  for (const name of Object.keys(baseLib)) {
    if (name === 'error' && files.dofile !== undefined) lib.dofile = files.dofile;
    if (name === 'load' && files.loadfile !== undefined) lib.loadfile = files.loadfile;
    lib[name] = baseLib[name]!;
  }
  return lib;
}

/**
 * Opens the base library into L's globals in base_open's order (_G, the
 * functions, _VERSION, ipairs, pairs, newproxy), then nothing else: the
 * coroutine library follows with L.register('coroutine', coroutineLib).
 * `files` adds dofile/loadfile where lbaselib registers them (the order
 * decides pairs(_G) order).
 */
export function openBase(L: LuaState, files?: LibTable): void {
  const g = L.globals;
  g.setStr('_G', g);
  L.register(undefined, files === undefined ? baseLib : withFiles(files));
  g.setStr('_VERSION', 'Lua 5.1');
  g.setStr('ipairs', new LuaHostFunction('ipairs', baseIpairs));
  g.setStr('pairs', new LuaHostFunction('pairs', basePairs));
  g.setStr('newproxy', new LuaHostFunction('newproxy', baseNewproxy));
}
