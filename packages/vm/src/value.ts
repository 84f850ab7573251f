// The Lua value model (see DESIGN.md "Value model").
//
//   nil -> undefined, boolean -> boolean, number -> number,
//   string -> JS string with one byte (0..255) per code unit,
//   table -> LuaTable, function -> LuaClosure | LuaHostFunction,
//   thread -> LuaState (a coroutine is a state of its own), userdata -> LuaUserdata.
//
// Invariant: every class sets all its fields in the constructor, in the same
// order, so V8 keeps one shape per class.

import type { Proto } from './proto.js';
import type { LuaTable } from './table.js';
import type { LuaState } from './state.js';

export type LuaValue =
  | undefined
  | boolean
  | number
  | string
  | LuaTable
  | LuaFunction
  | LuaState
  | LuaUserdata;

export type LuaFunction = LuaClosure | LuaHostFunction;

/**
 * A function written in TypeScript, callable from Lua.
 *
 * Arguments are `L.stack[base]` .. `L.stack[base + nargs - 1]` (also
 * readable with `L.arg(n)`, `L.checkNumber(n)`, ... where n is 1-based).
 * Results are pushed with `L.push(v)`; the function returns how many it
 * pushed (the last `n` values on the stack are the results, as in the C API).
 */
export type HostFunction = (L: LuaState, base: number, nargs: number) => number;

/** Identity numbers for `tostring` addresses ("table: 0x..."). */
let nextId = 1;
export function newObjectId(): number {
  return nextId++;
}

/** A host function as a Lua value: the code plus the name Lua code knows it by. */
export class LuaHostFunction {
  readonly fn: HostFunction;
  /** The Lua-visible name ("print", "rep"), for diagnostics. */
  readonly name: string;
  /** Environment (getfenv/setfenv on a host function); undefined = the globals. */
  env: LuaTable | undefined;
  readonly id: number;

  constructor(name: string, fn: HostFunction) {
    this.fn = fn;
    this.name = name;
    this.env = undefined;
    this.id = nextId++;
  }
}

/**
 * A captured variable. While open, it points at a stack slot of the thread
 * that owns it (`stack[index]`); once closed, it holds the value itself.
 * Stack arrays are never replaced (they only grow), so holding the array
 * is safe.
 */
export class UpVal {
  stack: LuaValue[] | undefined;
  index: number;
  value: LuaValue;
  /** Next open upvalue of the same thread, by decreasing index. */
  next: UpVal | undefined;

  constructor(stack: LuaValue[] | undefined, index: number, value: LuaValue) {
    this.stack = stack;
    this.index = index;
    this.value = value;
    this.next = undefined;
  }

  get(): LuaValue {
    const s = this.stack;
    return s === undefined ? this.value : s[this.index];
  }

  set(v: LuaValue): void {
    const s = this.stack;
    if (s === undefined) this.value = v;
    else s[this.index] = v;
  }
}

/** A Lua function: a prototype, its captured variables and its environment. */
export class LuaClosure {
  readonly proto: Proto;
  readonly upvals: UpVal[];
  env: LuaTable;
  readonly id: number;

  /** upvals: the captured variables (CLOSURE passes them exactly sized); default none yet. */
  constructor(proto: Proto, env: LuaTable, upvals?: UpVal[]) {
    this.proto = proto;
    this.upvals = upvals ?? [];
    this.env = env;
    this.id = nextId++;
  }
}

/**
 * Full userdata: an opaque host object with a metatable and an environment.
 * `data` null stands for a light userdata holding NULL (cjson.null): it
 * prints as "userdata: (nil)", as %p prints NULL in glibc.
 */
export class LuaUserdata {
  data: unknown;
  metatable: LuaTable | undefined;
  env: LuaTable | undefined;
  readonly id: number;

  constructor(data: unknown) {
    this.data = data;
    this.metatable = undefined;
    this.env = undefined;
    this.id = nextId++;
  }
}

/** Lua's type() names. */
export type LuaTypeName = 'nil' | 'boolean' | 'number' | 'string' | 'table' | 'function' | 'thread' | 'userdata';
