// Error messages, spelled as lua5.1 spells them, and the builders that turn
// them into LuaError values (the caller writes `throw`, so TypeScript sees
// the branch end). Positions ("chunk:line: ") and variable hints ("local
// 'x'") come from debug.ts.

import { LuaError } from './errors.js';
import { LuaTable } from './table.js';
import type { LuaValue, LuaTypeName } from './value.js';
import { LuaClosure, LuaHostFunction, LuaUserdata } from './value.js';
import type { LuaState } from './state.js';
import { chunkId, currentLine, currentPc, funcName, objName, where } from './debug.js';
import { stringToNumber } from './number.js';

/** type(v). */
export function typeNameOf(v: LuaValue): LuaTypeName {
  switch (typeof v) {
    case 'undefined': return 'nil';
    case 'boolean': return 'boolean';
    case 'number': return 'number';
    case 'string': return 'string';
    default:
      if (v instanceof LuaTable) return 'table';
      if (v instanceof LuaClosure || v instanceof LuaHostFunction) return 'function';
      if (v instanceof LuaUserdata) return 'userdata';
      return 'thread';
  }
}

/**
 * luaG_runerror: `msg` prefixed with the position of the running Lua
 * frame (no prefix when a host function is running).
 */
export function runtimeError(L: LuaState, msg: string): LuaError {
  const f = L.frames[L.ci]!;
  if (f.closure !== undefined) {
    return new LuaError(`${chunkId(f.closure.proto.source)}:${currentLine(f)}: ${msg}`);
  }
  return new LuaError(msg);
}

/** luaL_error: `msg` prefixed with the position of the caller of the running host function. */
export function luaError(L: LuaState, msg: string): LuaError {
  return new LuaError(where(L, 1) + msg);
}

/**
 * luaL_argerror: "bad argument #n to 'name' (msg)", the name taken from
 * the call site; `self` is not counted for method calls.
 */
export function argError(L: LuaState, n: number, msg: string): LuaError {
  const nm = funcName(L, L.ci);
  if (nm !== undefined && nm[0] === 'method') {
    n--;
    if (n === 0) return luaError(L, `calling '${nm[1]}' on bad self (${msg})`);
  }
  const name = nm === undefined ? '?' : nm[1];
  return luaError(L, `bad argument #${n} to '${name}' (${msg})`);
}

/**
 * luaG_typeerror: "attempt to <op> <kind> '<name>' (a <type> value)" when
 * the value sits in register `reg` of the running Lua frame and the
 * bytecode tells its name; "attempt to <op> a <type> value" otherwise.
 */
export function typeError(L: LuaState, v: LuaValue, op: string, reg = -1): LuaError {
  const t = typeNameOf(v);
  if (reg >= 0) {
    const f = L.frames[L.ci]!;
    if (f.closure !== undefined) {
      const nm = objName(f.closure.proto, currentPc(f), reg);
      if (nm !== undefined) return runtimeError(L, `attempt to ${op} ${nm[0]} '${nm[1]}' (a ${t} value)`);
    }
  }
  return runtimeError(L, `attempt to ${op} a ${t} value`);
}

/** luaG_aritherror: blames the operand that is not convertible to a number. */
export function arithError(L: LuaState, a: LuaValue, b: LuaValue, regA: number, regB: number): LuaError {
  if (toNumberOrUndefined(a) === undefined) return typeError(L, a, 'perform arithmetic on', regA);
  return typeError(L, b, 'perform arithmetic on', regB);
}

/** luaG_concaterror: blames the first operand that is neither string nor number. */
export function concatError(L: LuaState, a: LuaValue, b: LuaValue, regA: number, regB: number): LuaError {
  if (typeof a === 'string' || typeof a === 'number') return typeError(L, b, 'concatenate', regB);
  return typeError(L, a, 'concatenate', regA);
}

/** luaG_ordererror: "attempt to compare two X values" / "attempt to compare X with Y". */
export function compareError(L: LuaState, a: LuaValue, b: LuaValue): LuaError {
  const t1 = typeNameOf(a);
  const t2 = typeNameOf(b);
  if (t1 === t2) return runtimeError(L, `attempt to compare two ${t1} values`);
  return runtimeError(L, `attempt to compare ${t1} with ${t2}`);
}

function toNumberOrUndefined(v: LuaValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return stringToNumber(v);
  return undefined;
}
