// Operations on values with their metamethods (lvm.c / ltm.c): indexing
// with __index/__newindex chains, equality and order, arithmetic and
// concatenation slow paths, length, tostring. The interpreter inlines the
// fast cases and calls these out of line; host code reaches them through
// LuaState. `reg` arguments name the register an operand came from (-1 for
// none) so errors can say "local 'x'", as 5.1's isinstack test does.

import { LuaTable } from './table.js';
import type { LuaValue } from './value.js';
import { LuaClosure, LuaHostFunction, LuaUserdata } from './value.js';
import type { LuaState } from './state.js';
import { call } from './call.js';
import { numberToString, stringToNumber } from './number.js';
import { arithError, compareError, concatError, runtimeError, typeError, typeNameOf } from './messages.js';
import { cPow } from './cmath.js';

/** MAXTAGLOOP: __index/__newindex chains longer than this are a loop. */
export const MAX_TAG_LOOP = 100;

/** Arithmetic events, in the order of the opcodes ADD..UNM. */
export const enum Arith { ADD, SUB, MUL, DIV, MOD, POW, UNM }
const ARITH_EVENTS = ['__add', '__sub', '__mul', '__div', '__mod', '__pow', '__unm'];

/** luaT_gettmbyobj: metamethod `event` of any value, or nil. */
export function metaOf(L: LuaState, v: LuaValue, event: string): LuaValue {
  let mt: LuaTable | undefined;
  if (v instanceof LuaTable || v instanceof LuaUserdata) mt = v.metatable;
  else if (typeof v === 'string') mt = L.g.stringMetatable;
  else {
    const tm = L.g.typeMetatables;
    if (tm.size === 0) return undefined;
    mt = tm.get(typeNameOf(v));
  }
  return mt === undefined ? undefined : mt.getStr(event);
}

/** The stack slot where a metamethod call may put its function and arguments. */
function scratch(L: LuaState): number {
  const f = L.frames[L.ci]!;
  return f.closure !== undefined && f.top > L.top ? f.top : L.top;
}

/** callTMres: f(a, b) with one result, through the stack. */
export function callMeta(L: LuaState, f: LuaValue, a: LuaValue, b: LuaValue): LuaValue {
  const oldTop = L.top;
  const func = scratch(L);
  const stack = L.stack;
  stack[func] = f;
  stack[func + 1] = a;
  stack[func + 2] = b;
  L.top = func + 3;
  call(L, func, 1);
  const r = stack[func];
  L.top = oldTop;
  return r;
}

/** callTM: f(a, b, c) with no results. */
function callMeta3(L: LuaState, f: LuaValue, a: LuaValue, b: LuaValue, c: LuaValue): void {
  const oldTop = L.top;
  const func = scratch(L);
  const stack = L.stack;
  stack[func] = f;
  stack[func + 1] = a;
  stack[func + 2] = b;
  stack[func + 3] = c;
  L.top = func + 4;
  call(L, func, 0);
  L.top = oldTop;
}

function isFunction(v: LuaValue): boolean {
  return v instanceof LuaClosure || v instanceof LuaHostFunction;
}

/** luaV_gettable: t[k] with __index. */
export function index(L: LuaState, t: LuaValue, k: LuaValue, reg = -1, missed = false): LuaValue {
  for (let loop = 0; loop < MAX_TAG_LOOP; loop++) {
    let tm: LuaValue;
    if (t instanceof LuaTable) {
      if (missed) missed = false;
      else {
        const v = typeof k === 'string' ? t.getStr(k) : t.get(k);
        if (v !== undefined) return v;
      }
      const mt = t.metatable;
      if (mt === undefined) return undefined;
      tm = mt.getStr('__index');
      if (tm === undefined) return undefined;
    } else {
      tm = metaOf(L, t, '__index');
      if (tm === undefined) throw typeError(L, t, 'index', loop === 0 ? reg : -1);
    }
    // A table (the class chain) before the function test: the common case.
    if (!(tm instanceof LuaTable) && isFunction(tm)) return callMeta(L, tm, t, k);
    t = tm;
  }
  throw runtimeError(L, 'loop in gettable');
}

/**
 * index() for a table `t` whose raw get already missed (the caller found
 * t[k] nil and t with a metatable): the same walk, without looking in t
 * again.
 */
export function indexMiss(L: LuaState, t: LuaTable, k: LuaValue): LuaValue {
  return index(L, t, k, -1, true);
}

/** "table index is nil" / "table index is NaN" checks of luaH_set. */
export function checkKey(L: LuaState, k: LuaValue): void {
  if (k === undefined) throw runtimeError(L, 'table index is nil');
  if (k !== k) throw runtimeError(L, 'table index is NaN');
}

/** luaV_settable: t[k] = v with __newindex. */
export function setIndex(L: LuaState, t: LuaValue, k: LuaValue, v: LuaValue, reg = -1): void {
  for (let loop = 0; loop < MAX_TAG_LOOP; loop++) {
    let tm: LuaValue;
    if (t instanceof LuaTable) {
      const mt = t.metatable;
      if (mt === undefined || t.get(k) !== undefined || (tm = mt.getStr('__newindex')) === undefined) {
        if (k === undefined || k !== k) checkKey(L, k);
        t.set(k, v);
        return;
      }
      // 5.1's luaH_set raises for a nil/NaN key before looking at __newindex.
      if (k === undefined || k !== k) checkKey(L, k);
    } else {
      tm = metaOf(L, t, '__newindex');
      if (tm === undefined) throw typeError(L, t, 'index', loop === 0 ? reg : -1);
    }
    if (isFunction(tm)) { callMeta3(L, tm, t, k, v); return; }
    t = tm;
  }
  throw runtimeError(L, 'loop in settable');
}

/** rawequal. */
export function rawEquals(a: LuaValue, b: LuaValue): boolean {
  return a === b;
}

/** luaV_equalval (with __eq for two tables or two userdata). */
export function equals(L: LuaState, a: LuaValue, b: LuaValue): boolean {
  if (a === b) return true;
  let mt1: LuaTable | undefined;
  let mt2: LuaTable | undefined;
  if (a instanceof LuaTable && b instanceof LuaTable) { mt1 = a.metatable; mt2 = b.metatable; }
  else if (a instanceof LuaUserdata && b instanceof LuaUserdata) { mt1 = a.metatable; mt2 = b.metatable; }
  else return false;
  if (mt1 === undefined) return false;
  const tm1 = mt1.getStr('__eq');
  if (tm1 === undefined) return false;
  if (mt1 !== mt2) {
    if (mt2 === undefined) return false;
    const tm2 = mt2.getStr('__eq');
    if (tm2 !== tm1) return false;
  }
  const r = callMeta(L, tm1, a, b);
  return r !== undefined && r !== false;
}

/** call_orderTM: 1/0 from the metamethod, -1 when there is none (or they differ). */
function orderMeta(L: LuaState, a: LuaValue, b: LuaValue, event: string): number {
  const tm1 = metaOf(L, a, event);
  if (tm1 === undefined) return -1;
  const tm2 = metaOf(L, b, event);
  if (tm1 !== tm2) return -1;
  const r = callMeta(L, tm1, a, b);
  return r !== undefined && r !== false ? 1 : 0;
}

/** luaV_lessthan. */
export function lessThan(L: LuaState, a: LuaValue, b: LuaValue): boolean {
  const ta = typeof a;
  if (ta === 'number' && typeof b === 'number') return (a as number) < b;
  if (ta === 'string' && typeof b === 'string') return (a as string) < b;
  if (typeNameOf(a) === typeNameOf(b)) {
    const r = orderMeta(L, a, b, '__lt');
    if (r !== -1) return r === 1;
  }
  throw compareError(L, a, b);
}

/** lessequal: __le, else not __lt(b, a). */
export function lessEqual(L: LuaState, a: LuaValue, b: LuaValue): boolean {
  const ta = typeof a;
  if (ta === 'number' && typeof b === 'number') return (a as number) <= b;
  if (ta === 'string' && typeof b === 'string') return (a as string) <= b;
  if (typeNameOf(a) === typeNameOf(b)) {
    let r = orderMeta(L, a, b, '__le');
    if (r !== -1) return r === 1;
    r = orderMeta(L, b, a, '__lt');
    if (r !== -1) return r === 0;
  }
  throw compareError(L, a, b);
}

/** luaV_tonumber: numbers and numeric strings. */
export function toNumber(v: LuaValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return stringToNumber(v);
  return undefined;
}

/** luai_nummod: a - floor(a/b)*b. */
export function nummod(a: number, b: number): number {
  return a - Math.floor(a / b) * b;
}

/** The first NaN operand, as x86-64 returns it (see interp.ts nanOperand). */
function nanFirst(a: number, b: number, r: number): number {
  if (r === r) return r;
  if (a !== a) return a;
  if (b !== b) return b;
  return r;
}

export function arithNumbers(op: Arith, a: number, b: number): number {
  switch (op) {
    case Arith.ADD: return nanFirst(a, b, a + b);
    case Arith.SUB: return nanFirst(a, b, a - b);
    case Arith.MUL: return nanFirst(a, b, a * b);
    case Arith.DIV: return nanFirst(a, b, a / b);
    case Arith.MOD: return nummod(a, b);
    case Arith.POW: return cPow(a, b);
    default: return -a;
  }
}

/** Arith slow path: string coercion, then __add & co., else the 5.1 error. */
export function arith(L: LuaState, op: Arith, a: LuaValue, b: LuaValue, regA: number, regB: number): LuaValue {
  const x = toNumber(a);
  if (x !== undefined) {
    const y = toNumber(b);
    if (y !== undefined) return arithNumbers(op, x, y);
  }
  const event = ARITH_EVENTS[op]!;
  let tm = metaOf(L, a, event);
  if (tm === undefined) tm = metaOf(L, b, event);
  if (tm === undefined) throw arithError(L, a, b, regA, regB);
  return callMeta(L, tm, a, b);
}

/** OP_LEN slow path: __len for values other than tables and strings. */
export function len(L: LuaState, v: LuaValue, reg = -1): LuaValue {
  if (v instanceof LuaTable) return v.length();
  if (typeof v === 'string') return v.length;
  const tm = metaOf(L, v, '__len');
  if (tm === undefined) throw typeError(L, v, 'get length of', reg);
  return callMeta(L, tm, v, undefined);
}

/**
 * luaV_concat over registers stack[first..last] (absolute indices), result
 * in stack[first]: runs of strings/numbers are joined at once, anything
 * else goes pairwise through __concat from the right, as 5.1.
 */
export function concat(L: LuaState, first: number, last: number, base: number): void {
  const stack = L.stack;
  let total = last - first + 1;
  let top = last + 1;
  do {
    // Collect as many string/number operands as possible, from the top
    // (one numberToString call site: V8 inlines it once).
    let s = '';
    let n = 0;
    for (; n < total; n++) {
      const v = stack[top - n - 1];
      if (typeof v === 'string') s = v + s;
      else if (typeof v === 'number') s = numberToString(v) + s;
      else break;
    }
    if (n >= 2) stack[top - n] = s;
    else {
      // One of the top two is neither: __concat of those two.
      const a = stack[top - 2];
      const b = stack[top - 1];
      let tm = metaOf(L, a, '__concat');
      if (tm === undefined) tm = metaOf(L, b, '__concat');
      if (tm === undefined) throw concatError(L, a, b, top - 2 - base, top - 1 - base);
      stack[top - 2] = callMeta(L, tm, a, b);
      n = 2;
    }
    total -= n - 1;
    top -= n - 1;
  } while (total > 1);
}

/**
 * "%p" as glibc prints a heap pointer, unique per object; a userdata whose
 * data is null stands for a light userdata holding NULL (cjson.null),
 * which glibc prints as "(nil)".
 */
export function addressOf(v: { readonly id: number }): string {
  if (v instanceof LuaUserdata && v.data === null) return '(nil)';
  return '0x' + (0x55a4c0000000 + v.id * 0x40).toString(16);
}

/** tostring without __tostring: what luaB_tostring prints for each type. */
export function tostringRaw(v: LuaValue): string {
  switch (typeof v) {
    case 'string': return v;
    case 'number': return numberToString(v);
    case 'boolean': return v ? 'true' : 'false';
    case 'undefined': return 'nil';
    default: return typeNameOf(v) + ': ' + addressOf(v);
  }
}

/** luaB_tostring: __tostring's result (any value), else tostringRaw. */
export function tostring(L: LuaState, v: LuaValue): LuaValue {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToString(v);
  const mt = L.getMetatable(v);
  if (mt !== undefined) {
    const tm = mt.getStr('__tostring');
    if (tm !== undefined) {
      const oldTop = L.top;
      const func = scratch(L);
      L.stack[func] = tm;
      L.stack[func + 1] = v;
      L.top = func + 2;
      call(L, func, 1);
      const r = L.stack[func];
      L.top = oldTop;
      return r;
    }
  }
  return tostringRaw(v);
}
