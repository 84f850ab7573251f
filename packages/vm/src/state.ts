// LuaState: one Lua thread (the main thread or a coroutine) and the API a
// host function (library author) programs against; GlobalState: what all
// threads of one engine share (globals, registry, string metatable, output,
// budget and interrupt).
//
// Stack discipline, as in the C API: while a host function runs, its
// arguments are stack[base] .. stack[top - 1]; it pushes results with
// push() and returns their count, so the results are the last n values
// below `top`. Invariants: `stack` is never replaced (only grown), so open
// upvalues and callers may keep it; frames[0] is the thread's base frame
// and `ci` indexes the running frame; `base` is the running frame's base.

import { LuaError, LUA_ERRSYNTAX, toLuaError } from './errors.js';
import { compileSource } from './compiler/index.js';
import { undumpProto } from './undump.js';
import { LuaTable } from './table.js';
import type { LuaValue, HostFunction, LuaTypeName } from './value.js';
import { LuaClosure, LuaHostFunction, LuaUserdata, UpVal, newObjectId } from './value.js';
import { numberToString, stringToNumber } from './number.js';
import { JIT_THRESHOLD, type Proto } from './proto.js';
import { call, pcall, closeUpvals } from './call.js';
import { traceback } from './debug.js';
import { argError, typeNameOf, luaError } from './messages.js';
import { index, setIndex, equals, lessThan, tostring } from './ops.js';

/** `nresults` meaning "all results" (LUA_MULTRET). */
export const MULTRET = -1;
/** Lua's limit on nested calls (LUAI_MAXCALLS). */
export const MAX_CALLS = 20000;
/** Lua's limit on nested host<->Lua crossings (LUAI_MAXCCALLS). */
export const MAX_C_CALLS = 200;

/** A library: Lua name -> host function, as luaL_Reg arrays. */
export type LibTable = Readonly<Record<string, HostFunction>>;

/** Coroutine status of a thread (coroutine.status names). */
export const enum ThreadStatus { Suspended, Running, Normal, Dead }

/** One activation record. Lua frames have `closure`; host frames `host`. */
export class CallFrame {
  /** Stack index of the called function. */
  func: number;
  /** First register (Lua) / first argument (host). */
  base: number;
  /** Lua: base + maxStackSize. */
  top: number;
  /** Lua: index of the next instruction, saved when the frame is left. */
  savedpc: number;
  /** Results the caller wants (MULTRET = all). */
  nresults: number;
  /** Tail calls that replaced this frame (tracebacks print "(tail call)"). */
  tailcalls: number;
  closure: LuaClosure | undefined;
  host: LuaHostFunction | undefined;

  constructor() {
    this.func = 0;
    this.base = 0;
    this.top = 0;
    this.savedpc = 0;
    this.nresults = 0;
    this.tailcalls = 0;
    this.closure = undefined;
    this.host = undefined;
  }

  /** Starts a call in this (reused) frame at pc 0. */
  enter(func: number, base: number, top: number, nresults: number, closure: LuaClosure | undefined, host: LuaHostFunction | undefined): void {
    this.func = func;
    this.base = base;
    this.top = top;
    this.savedpc = 0;
    this.nresults = nresults;
    this.tailcalls = 0;
    this.closure = closure;
    this.host = host;
  }
}

/**
 * GlobalState.jit's initial value: true, unless VALUA_JIT=0 is in the
 * environment of a host that has one (tests run the interpreter this way).
 */
const hostProcess = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
const defaultJit = hostProcess?.env?.['VALUA_JIT'] !== '0';

/** The budget when no hook is set: refilled silently when it runs out. */
const NO_BUDGET = 0x3fffffff;

export class GlobalState {
  /** The table of globals (_G) new functions get as environment. */
  globals: LuaTable;
  /** A table for host code's private data (the registry). */
  registry: LuaTable;
  /** Metatable shared by all strings (its __index is the string library). */
  stringMetatable: LuaTable | undefined;
  /**
   * Metatables of the other non-table types (5.1's G(L)->mt, set only by
   * debug.setmetatable): nil, boolean, number, function, thread.
   */
  typeMetatables: Map<string, LuaTable>;
  /** Where print() and io.write go: bytes as a byte string. */
  write: (s: string) => void;
  mainThread: LuaState;
  /**
   * Work budget: decremented on every call and backward jump; when it
   * reaches 0, `onBudget` runs (and may throw to stop the script).
   */
  budget: number;
  budgetInterval: number;
  onBudget: ((L: LuaState) => boolean | void) | undefined;
  /** A budget hook asked to pause; honoured at the next safe point. */
  pauseRequested: boolean;
  /** Set by interrupt(): raised as the error at the next budget check. */
  interruptValue: LuaValue;
  interrupted: boolean;
  /** Refuse binary chunks in load() as Valkey's sandbox does (default: load them, as lua5.1). */
  textOnly: boolean;
  /**
   * Run Lua functions through their translations (jit.ts) when no hook is
   * set (default); false keeps everything on the interpreter.
   */
  jit: boolean;
  /**
   * Frame entries plus interpreted loop iterations of a function before it
   * is translated (Proto.hot); 1 translates everything at once (tests).
   */
  jitThreshold: number;

  constructor(main: LuaState) {
    // lstate.c: the globals table starts with room for 2 hash keys.
    this.globals = new LuaTable(0, 2);
    this.registry = new LuaTable();
    this.stringMetatable = undefined;
    this.typeMetatables = new Map();
    this.write = (s: string) => { void s; };
    this.mainThread = main;
    // Small integers (V8 Smis): a double here would box on every decrement.
    this.budget = NO_BUDGET;
    this.budgetInterval = NO_BUDGET;
    this.onBudget = undefined;
    this.pauseRequested = false;
    this.interruptValue = undefined;
    this.interrupted = false;
    this.textOnly = false;
    this.jit = defaultJit;
    this.jitThreshold = JIT_THRESHOLD;
  }

  /**
   * Calls `hook` every `interval` units of work (calls plus backward jumps)
   * - PUC's count hook. The hook may throw a LuaError to stop the script,
   * or return true to pause it: a script running in a coroutine (see
   * LuaState.newThread / resumeThread) then returns from resumeThread at
   * the next call or backward jump that is not inside a host function's
   * call back into Lua, with the thread's `paused` flag set; resuming it
   * continues where it stopped. (Scripts can be run in slices this way.)
   */
  setBudgetHook(interval: number, hook: ((L: LuaState) => boolean | void) | undefined): void {
    this.budgetInterval = hook === undefined ? NO_BUDGET : Math.max(1, Math.min(Math.floor(interval), NO_BUDGET));
    this.onBudget = hook;
    this.budget = this.interrupted ? 0 : this.budgetInterval;
  }

  /**
   * Stops the running script (from a timer, another task, a hook): at its
   * next call or backward jump it raises `value` as a Lua error; pcall
   * cannot swallow it for good, since every later call or backward jump
   * raises it again until clearInterrupt().
   */
  interrupt(value: LuaValue): void {
    this.interruptValue = value;
    this.interrupted = true;
    this.budget = 0;
  }

  /** Ends an interrupt (before running the next script on this engine). */
  clearInterrupt(): void {
    this.interruptValue = undefined;
    this.interrupted = false;
    this.budget = this.budgetInterval;
  }
}

export class LuaState {
  readonly g: GlobalState;
  /** The value stack; registers of Lua frames and host arguments live here. */
  readonly stack: LuaValue[];
  /** First free slot. */
  top: number;
  /** Base of the running function (its first argument/register). */
  base: number;
  readonly frames: CallFrame[];
  /** Index of the running frame in `frames`. */
  ci: number;
  /** Open upvalues of this thread, by decreasing stack index. */
  openUpval: UpVal | undefined;
  /** Host->Lua crossings in progress (LUAI_MAXCCALLS counts these). */
  nCcalls: number;
  /** nCcalls when this coroutine was resumed; a yield needs nCcalls === baseCcalls. */
  baseCcalls: number;
  /** Emulates 5.1's CallInfo array size: "stack overflow" when a call would pass it. */
  ciLimit: number;
  status: ThreadStatus;
  /** Thread environment (getfenv(0)). */
  env: LuaTable;
  /**
   * The message handler of the innermost pcall in progress (5.1's
   * L->errfunc): lua_load-style protected work inside it (load's reader)
   * passes its errors through it, as lua5.1 does.
   */
  errfunc: LuaValue;
  hasErrfunc: boolean;
  /** Values passed by yield/resume across the switch. */
  transferCount: number;
  /** The thread stopped at a budget pause (not a yield); see setBudgetHook. */
  paused: boolean;
  /**
   * debug.sethook's state (5.1's hookmask, hookcount, basehookcount,
   * allowhook; see hooks.ts). hookMask 0 = no hook: the dispatch loop
   * tests it once per instruction, everything else only when it is set.
   */
  hookMask: number;
  hookCount: number;
  baseHookCount: number;
  allowHook: boolean;
  /** The Lua hook function (ldblib's hook table entry for this thread). */
  hookFn: LuaValue;
  readonly id: number;

  /** A new engine (main thread + global state), or a coroutine of `parent`'s engine. */
  constructor(parent?: LuaState) {
    const stack: LuaValue[] = [];
    for (let i = 0; i < 45; i++) stack.push(undefined);
    this.stack = stack;
    this.top = 1;
    this.base = 1;
    const f0 = new CallFrame();
    f0.func = 0;
    f0.base = 1;
    f0.top = 1 + 20;
    this.frames = [f0];
    this.ci = 0;
    this.openUpval = undefined;
    this.nCcalls = 0;
    this.baseCcalls = 0;
    this.ciLimit = 16384;
    this.status = parent === undefined ? ThreadStatus.Running : ThreadStatus.Suspended;
    this.transferCount = 0;
    this.paused = false;
    this.errfunc = undefined;
    this.hasErrfunc = false;
    // lua_newthread: a new thread inherits the hook mask and count (not
    // the Lua function: ldblib's hook table has no entry for it yet).
    this.hookMask = parent === undefined ? 0 : parent.hookMask;
    this.baseHookCount = parent === undefined ? 0 : parent.baseHookCount;
    this.hookCount = this.baseHookCount;
    this.allowHook = true;
    this.hookFn = undefined;
    if (parent === undefined) {
      this.g = new GlobalState(this);
      this.env = this.g.globals;
    } else {
      this.g = parent.g;
      this.env = parent.env;
    }
    this.id = newObjectId();
  }

  // ---- Arguments (n is 1-based, as in the C API) --------------------------

  /** Number of arguments of the running host function (lua_gettop). */
  argCount(): number {
    return this.top - this.base;
  }

  /** Argument n, or nil when absent. */
  arg(n: number): LuaValue {
    const i = this.base + n - 1;
    return i < this.top ? this.stack[i] : undefined;
  }

  /** luaL_checkany: "bad argument #n to 'f' (value expected)". */
  checkAny(n: number): LuaValue {
    const i = this.base + n - 1;
    if (i >= this.top) throw argError(this, n, 'value expected');
    return this.stack[i];
  }

  /** luaL_checknumber: numbers and numeric strings (converted as 5.1). */
  checkNumber(n: number): number {
    const v = this.arg(n);
    if (typeof v === 'number') return v;
    if (typeof v === 'string') {
      const x = stringToNumber(v);
      if (x !== undefined) return x;
    }
    throw this.typeError(n, 'number');
  }

  /** luaL_optnumber. */
  optNumber(n: number, def: number): number {
    const v = this.arg(n);
    return v === undefined ? def : this.checkNumber(n);
  }

  /**
   * luaL_checkinteger: checkNumber truncated toward zero, as the C cast on
   * x86-64 does (lua5.1: string.rep("a", 2.7) is "aa").
   */
  checkInteger(n: number): number {
    return toInteger(this.checkNumber(n));
  }

  /**
   * luaL_checkint: checkInteger cast to a C int (the low 32 bits, as
   * x86-64 does: string.rep("x", 2^32 + 1) is "x" in lua5.1).
   */
  checkInt(n: number): number {
    return toInteger(this.checkNumber(n)) | 0;
  }

  /** luaL_optint. */
  optInt(n: number, def: number): number {
    const v = this.arg(n);
    return v === undefined ? def : toInteger(this.checkNumber(n)) | 0;
  }

  /** luaL_optinteger. */
  optInteger(n: number, def: number): number {
    const v = this.arg(n);
    return v === undefined ? def : toInteger(this.checkNumber(n));
  }

  /** luaL_checkstring: strings and numbers (converted with %.14g). */
  checkString(n: number): string {
    const v = this.arg(n);
    if (typeof v === 'string') return v;
    if (typeof v === 'number') {
      const s = numberToString(v);
      // lua_tolstring converts the stack slot in place.
      this.stack[this.base + n - 1] = s;
      return s;
    }
    throw this.typeError(n, 'string');
  }

  /** luaL_optstring. */
  optString(n: number, def: string): string {
    const v = this.arg(n);
    return v === undefined ? def : this.checkString(n);
  }

  /** luaL_checktype(L, n, LUA_TTABLE). */
  checkTable(n: number): LuaTable {
    const v = this.arg(n);
    if (v instanceof LuaTable) return v;
    throw this.typeError(n, 'table');
  }

  /** luaL_checktype with any type name: "(<tname> expected, got <type>)". */
  checkType(n: number, tname: LuaTypeName): LuaValue {
    const v = this.arg(n);
    const i = this.base + n - 1;
    if (typeNameOf(v) !== tname || (v === undefined && i >= this.top)) throw this.typeError(n, tname);
    return v;
  }

  /** luaL_typerror: "bad argument #n to 'f' (<tname> expected, got <type>)". */
  typeError(n: number, tname: string): LuaError {
    const i = this.base + n - 1;
    const got = i >= this.top ? 'no value' : typeNameOf(this.stack[i]);
    return argError(this, n, `${tname} expected, got ${got}`);
  }

  /** luaL_argerror: "bad argument #n to 'f' (msg)"; the caller throws it. */
  argError(n: number, msg: string): LuaError {
    return argError(this, n, msg);
  }

  /**
   * luaL_error: an error whose message is prefixed with the position of
   * the Lua code that called the running host function ("x.lua:3: msg").
   */
  error(msg: string): LuaError {
    return luaError(this, msg);
  }

  // ---- Results and the stack ---------------------------------------------

  /** Pushes a value (a result, or an argument before call()). */
  push(v: LuaValue): void {
    this.stack[this.top++] = v;
  }

  /** Makes `top` exactly base + n (nil-filling or dropping), lua_settop. */
  setTop(n: number): void {
    const newTop = this.base + n;
    while (this.top < newTop) this.stack[this.top++] = undefined;
    this.top = newTop;
  }

  // ---- Calls ------------------------------------------------------------

  /**
   * lua_call: calls the function at stack[top - nargs - 1] with the nargs
   * values above it; the results (nresults of them, or all for MULTRET)
   * replace function and arguments, and `top` ends after them. Errors
   * propagate as LuaError.
   */
  call(nargs: number, nresults: number): void {
    const func = this.top - nargs - 1;
    if (this.nCcalls === 0 && this.ci === 0) this.callFromEmbedder(func, nresults);
    else call(this, func, nresults);
  }

  /**
   * A call made while no Lua code runs (the embedder's own call): an error
   * leaves the state clean for the next call and carries its traceback.
   */
  private callFromEmbedder(func: number, nresults: number): void {
    try {
      call(this, func, nresults);
    } catch (e) {
      const err = toLuaError(e);
      if (err.traceback === undefined) err.traceback = traceback(this, undefined, 0);
      closeUpvals(this, func);
      this.ci = 0;
      this.base = this.frames[0]!.base;
      this.nCcalls = 0;
      this.top = func;
      throw err;
    }
  }

  /**
   * lua_pcall: as call(), but an error is caught: returns 0 on success, or
   * LUA_ERRRUN / LUA_ERRMEM / LUA_ERRERR with the error value (passed
   * through `handler` when given, which runs where the error happened,
   * before the stack unwinds - xpcall's message handler) as the only value
   * where the function was.
   */
  pcall(nargs: number, nresults: number, handler?: LuaValue): number {
    return pcall(this, this.top - nargs - 1, nresults, handler);
  }

  /**
   * Convenience for host code off the hot path: calls f with args and
   * returns all results in a new array.
   */
  invoke(f: LuaValue, args: readonly LuaValue[]): LuaValue[] {
    const func = this.top;
    this.push(f);
    for (let i = 0; i < args.length; i++) this.push(args[i]);
    if (this.nCcalls === 0 && this.ci === 0) this.callFromEmbedder(func, MULTRET);
    else call(this, func, MULTRET);
    const out = this.stack.slice(func, this.top);
    this.top = func;
    return out;
  }

  /** Calls f with up to two arguments and returns its first result (sort comparators, gsub callbacks). */
  call1(f: LuaValue, a: LuaValue, b: LuaValue, nargs: number): LuaValue {
    const func = this.top;
    this.stack[func] = f;
    this.stack[func + 1] = a;
    this.stack[func + 2] = b;
    this.top = func + 1 + nargs;
    call(this, func, 1);
    const r = this.stack[func];
    this.top = func;
    return r;
  }

  /**
   * A new coroutine (thread) of this engine whose body is `fn`; run it with
   * resumeThread (lib/coroutine.ts), as coroutine.create + resume do.
   */
  newThread(fn: LuaClosure): LuaState {
    const co = new LuaState(this);
    co.stack[1] = fn;
    co.top = 2;
    return co;
  }

  // ---- Values with metamethods --------------------------------------------

  /** t[k] with __index (lua_gettable). */
  index(t: LuaValue, k: LuaValue): LuaValue {
    return index(this, t, k);
  }

  /** t[k] = v with __newindex (lua_settable). */
  setIndex(t: LuaValue, k: LuaValue, v: LuaValue): void {
    setIndex(this, t, k, v);
  }

  /** a == b with __eq. */
  equals(a: LuaValue, b: LuaValue): boolean {
    return equals(this, a, b);
  }

  /** a < b with __lt; errors "attempt to compare ..." as 5.1. */
  lessThan(a: LuaValue, b: LuaValue): boolean {
    return lessThan(this, a, b);
  }

  /**
   * tostring(v): __tostring's result (which may be any value), else
   * "%.14g" numbers, "nil", "true", "table: 0x..." addresses.
   */
  tostring(v: LuaValue): LuaValue {
    return tostring(this, v);
  }

  /** lua_tonumber: numbers and numeric strings, else undefined. */
  toNumber(v: LuaValue): number | undefined {
    if (typeof v === 'number') return v;
    if (typeof v === 'string') return stringToNumber(v);
    return undefined;
  }

  /** lua_tolstring: strings and numbers (as %.14g), else undefined. */
  toStr(v: LuaValue): string | undefined {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return numberToString(v);
    return undefined;
  }

  /** The metatable of any value (strings share g.stringMetatable). */
  getMetatable(v: LuaValue): LuaTable | undefined {
    if (v instanceof LuaTable || v instanceof LuaUserdata) return v.metatable;
    if (typeof v === 'string') return this.g.stringMetatable;
    const tm = this.g.typeMetatables;
    return tm.size === 0 ? undefined : tm.get(typeNameOf(v));
  }

  // ---- Tables, globals, libraries -----------------------------------------

  newTable(narr = 0, nhash = 0): LuaTable {
    return new LuaTable(narr, nhash);
  }

  get globals(): LuaTable {
    return this.g.globals;
  }

  getGlobal(name: string): LuaValue {
    return this.g.globals.getStr(name);
  }

  setGlobal(name: string, v: LuaValue): void {
    this.g.globals.setStr(name, v);
  }

  /**
   * luaL_register: puts each function of `lib` into the global table
   * `libName` (created if needed; `undefined` = into _G itself) and returns
   * that table. Each function carries its key as its Lua-visible name.
   */
  register(libName: string | undefined, lib: LibTable): LuaTable {
    let t: LuaTable;
    if (libName === undefined) t = this.g.globals;
    else {
      const old = this.g.globals.getStr(libName);
      if (old instanceof LuaTable) t = old;
      else {
        // luaL_findtable sizes the new table for the library's functions.
        t = new LuaTable(0, Object.keys(lib).length);
        this.g.globals.setStr(libName, t);
      }
    }
    for (const name of Object.keys(lib)) {
      const fn = lib[name];
      if (fn !== undefined) t.setStr(name, new LuaHostFunction(name, fn));
    }
    return t;
  }

  // ---- Loading ---------------------------------------------------------------

  /**
   * Compiles `source` (a byte string) as a chunk named `chunkName`
   * ("@file.lua", "=stdin", or the source itself for loadstring) into a
   * function whose environment is `env` (default: the globals). Throws a
   * LuaError carrying the syntax error message ("[string \"x\"]:1: ...").
   * A source starting with "\27" is a binary chunk (lua_load's test) and
   * is undumped, unless `g.textOnly` is set: then it is refused the way
   * Valkey's sandbox (no undump) reports it: the parser sees "\27" and says
   * "unexpected symbol near 'char(27)'".
   */
  load(source: string, chunkName: string, env?: LuaTable): LuaClosure {
    let p: Proto;
    const binary = source.charCodeAt(0) === 27 && !this.g.textOnly;
    try {
      p = binary ? undumpProto(source, chunkName, this.nCcalls) : compileSource(source, chunkName);
    } catch (e) {
      // LuaSyntaxError / LuaCompileError carry the complete lua5.1 text.
      if (e instanceof LuaError) throw e;
      throw new LuaError(e instanceof Error ? e.message : String(e), LUA_ERRSYNTAX);
    }
    const cl = new LuaClosure(p, env ?? this.g.globals);
    // lua_load gives a loaded main function fresh (nil) upvalues
    for (let i = 0; i < p.numUpvalues; i++) cl.upvals.push(new UpVal(undefined, 0, undefined));
    return cl;
  }
}

/** C's (lua_Integer) cast of a double on x86-64: truncation; NaN and out-of-range give INT64_MIN. */
export function toInteger(x: number): number {
  if (x >= -9223372036854775808 && x < 9223372036854775808) return Math.trunc(x) + 0;
  return -9223372036854775808;
}
