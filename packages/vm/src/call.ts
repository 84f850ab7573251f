// Calls (ldo.c): entering a function (precall), leaving it (poscall),
// calling from host code (call) and protected calls (pcall), plus upvalue
// opening/closing. Lua->Lua calls made by the interpreter use precall and
// stay in the same dispatch loop; only host->Lua crossings recurse in JS,
// and those are counted (nCcalls, "C stack overflow" at MAX_C_CALLS).

import { LuaError, LUA_ERRERR, LUA_OK, toLuaError } from './errors.js';
import { LuaTable } from './table.js';
import type { LuaValue } from './value.js';
import { LuaClosure, LuaHostFunction, UpVal } from './value.js';
import type { LuaState } from './state.js';
import { CallFrame, MULTRET, MAX_CALLS, MAX_C_CALLS } from './state.js';
import { VARARG_NEEDSARG, type Proto } from './proto.js';
import { execute } from './interp.js';
import { runtimeError, typeError } from './messages.js';
import { metaOf } from './ops.js';
import { hookCall, hookReturn } from './hooks.js';
import { collectPending } from './weak.js';

/** Free slots a host function may use without checking (LUA_MINSTACK). */
export const MIN_STACK = 20;

/** precall outcomes. */
export const PRECALL_HOST = 0;
export const PRECALL_LUA = 1;
export const PRECALL_YIELD = 2;

/** Grows the stack array (with nils, keeping it packed) to hold `n` slots. */
export function ensureStack(L: LuaState, n: number): void {
  const stack = L.stack;
  while (stack.length < n) stack.push(undefined);
}

/** Pushes a frame, enforcing 5.1's call-depth limit ("stack overflow"). */
function pushFrame(L: LuaState): CallFrame {
  const ci = L.ci + 1;
  if (ci >= L.ciLimit) growCalls(L);
  let f = L.frames[ci];
  if (f === undefined) {
    f = new CallFrame();
    L.frames.push(f);
  }
  L.ci = ci;
  return f;
}

/**
 * luaD_growCI: the CallInfo array doubles; past MAX_CALLS it is an
 * overflow, and an overflow while handling one is LUA_ERRERR.
 */
function growCalls(L: LuaState): void {
  if (L.ciLimit > MAX_CALLS) throw new LuaError('error in error handling', LUA_ERRERR);
  L.ciLimit *= 2;
  if (L.ciLimit > MAX_CALLS) throw runtimeError(L, 'stack overflow');
}

/**
 * Replaces a non-function at stack[func] by its __call metamethod, shifting
 * the arguments up (the object becomes the first argument).
 */
export function tryFuncTM(L: LuaState, func: number): LuaClosure | LuaHostFunction {
  const stack = L.stack;
  const obj = stack[func];
  const tm = metaOf(L, obj, '__call');
  if (!(tm instanceof LuaClosure || tm instanceof LuaHostFunction)) {
    // The callee is in a register of the calling Lua frame: name it.
    const f = L.frames[L.ci]!;
    throw typeError(L, obj, 'call', f.closure !== undefined ? func - f.base : -1);
  }
  for (let i = L.top; i > func; i--) stack[i] = stack[i - 1];
  L.top++;
  stack[func] = tm;
  return tm;
}

/**
 * Starts a call of stack[func] with arguments stack[func+1 .. top-1].
 * A Lua function gets a new frame (PRECALL_LUA; the caller runs it); a host
 * function runs to completion here (PRECALL_HOST, results moved into place)
 * or yields (PRECALL_YIELD).
 */
export function precall(L: LuaState, func: number, nresults: number): number {
  const stack = L.stack;
  const v = stack[func];
  const fn = v instanceof LuaClosure || v instanceof LuaHostFunction ? v : tryFuncTM(L, func);
  if (fn instanceof LuaClosure) {
    const p = fn.proto;
    if (p.isVararg === 0) {
      if (L.ci + 1 >= L.ciLimit) growCalls(L);
      pushLuaFrame(L, func, fn, p, nresults);
      L.base = func + 1;
    } else {
      let nargs = L.top - func - 1;
      const np = p.numParams;
      // adjust_varargs: fixed parameters move above the actual arguments;
      // the extra arguments stay below base for VARARG.
      ensureStack(L, L.top + np + p.maxStackSize + MIN_STACK);
      for (; nargs < np; nargs++) stack[L.top++] = undefined;
      let argTable: LuaTable | undefined;
      if ((p.isVararg & VARARG_NEEDSARG) !== 0) {
        // LUA_COMPAT_VARARG: the `arg` table of the extra arguments.
        const nextra = nargs - np;
        argTable = new LuaTable(nextra, 1);
        for (let i = 0; i < nextra; i++) argTable.setInt(i + 1, stack[L.top - nextra + i]);
        argTable.setStr('n', nextra);
      }
      const fixed = L.top - nargs;
      const base = L.top;
      for (let i = 0; i < np; i++) {
        stack[base + i] = stack[fixed + i];
        stack[fixed + i] = undefined;
      }
      if (argTable !== undefined) stack[base + np] = argTable;
      nargs = argTable !== undefined ? np + 1 : np;
      const top = base + p.maxStackSize;
      pushFrame(L).enter(func, base, top, nresults, fn, undefined);
      for (let i = base + nargs; i < top; i++) stack[i] = undefined;
      L.base = base;
      L.top = top;
    }
    const g = L.g;
    if (--g.budget <= 0) budgetExhausted(L);
    if (L.hookMask !== 0) hookCall(L);
    return PRECALL_LUA;
  }
  return callHost(L, fn, func, nresults) ? PRECALL_HOST : PRECALL_YIELD;
}

/**
 * precall's host half, also called directly by translated code: runs the
 * host function `fn` (at stack[func], arguments up to top) in a frame of
 * its own and moves its results into place as poscall does. Returns false
 * when the function yielded. One small function, so that V8 compiles the
 * host-call path of both tiers once and early.
 */
export function callHost(L: LuaState, fn: LuaHostFunction, func: number, nresults: number): boolean {
  const base = func + 1;
  const top = L.top + MIN_STACK;
  pushFrame(L).enter(func, base, top, nresults, undefined, fn);
  const ci = L.ci;
  L.base = base;
  if (L.stack.length < top) ensureStack(L, top);
  if (--L.g.budget <= 0) budgetExhausted(L);
  if (L.hookMask !== 0) hookCall(L);
  const n = fn.fn(L, base, L.top - base);
  if (n < 0) return false;
  if (L.hookMask !== 0) hookReturn(L);
  // poscall, written so that every operation runs on every call whatever
  // the counts (V8 compiles an operation never run yet as a deopt).
  const stack = L.stack;
  const wanted = nresults < 0 ? n : nresults;
  const first = L.top - n;
  for (let i = 0; i < wanted; i++) stack[func + i] = i < n ? stack[first + i] : undefined;
  L.ci = ci - 1;
  L.base = L.frames[ci - 1]!.base;
  L.top = func + wanted;
  return true;
}

/**
 * Ends the running frame: moves `n` results from stack[first..] to where
 * the function was, adjusted to what the caller wanted, and pops the frame.
 * Afterwards `top` is just past the results.
 */
export function poscall(L: LuaState, first: number, n: number): void {
  const res = moveResults(L.stack, L.frames[L.ci]!, first, n);
  L.ci--;
  L.base = L.frames[L.ci]!.base;
  L.top = res;
}

/** n results from stack[first..] to where f's function was, adjusted to f.nresults; returns the slot after them. */
function moveResults(stack: LuaValue[], f: CallFrame, first: number, n: number): number {
  let res = f.func;
  const wanted = f.nresults;
  if (wanted === MULTRET) {
    for (let i = 0; i < n; i++) stack[res++] = stack[first + i];
  } else {
    let i = 0;
    for (; i < wanted && i < n; i++) stack[res++] = stack[first + i];
    for (; i < wanted; i++) stack[res++] = undefined;
  }
  return res;
}

/**
 * precall's Lua path for a fixed-arity closure whose frame fits (the
 * caller checked isVararg === 0 and L.ci + 1 < L.ciLimit; no budget or
 * hook work): also the dispatch loop's and translated code's common call.
 * Extra arguments are dropped: their registers start as nil locals
 * (lua5.1: "local function f(a) local b; print(b) end f(1, 2)" prints nil).
 * L.base is not set: Lua frames never read it.
 */
export function pushLuaFrame(L: LuaState, ra: number, fn: LuaClosure, np: Proto, nresults: number): CallFrame {
  const stack = L.stack;
  const nbase = ra + 1;
  const ntop = nbase + np.maxStackSize;
  if (stack.length < ntop + MIN_STACK) ensureStack(L, ntop + MIN_STACK);
  let j = L.top;
  if (j > nbase + np.numParams) j = nbase + np.numParams;
  for (; j < ntop; j++) stack[j] = undefined;
  // pushFrame without its limit check (the callers made it)
  const frames = L.frames;
  const ci = L.ci + 1;
  let nf = frames[ci];
  if (nf === undefined) { nf = new CallFrame(); frames.push(nf); }
  nf.enter(ra, nbase, ntop, nresults, fn, undefined);
  L.ci = ci;
  L.top = ntop;
  return nf;
}

/**
 * A Lua frame's RETURN of n results from stack[ra..] (poscall after
 * closing upvalues): results moved to where the function was, adjusted
 * to f.nresults; the frame popped; top past the results. L.base is left
 * to the caller.
 */
export function popLuaFrame(L: LuaState, f: CallFrame, ra: number, n: number): void {
  if (L.openUpval !== undefined) closeUpvals(L, f.base);
  L.top = moveResults(L.stack, f, ra, n);
  L.ci--;
}

/**
 * TAILCALL after precall set up the callee's frame above frame `f`: the
 * callee's function and arguments move down to f's place and its frame
 * replaces f (which counts the tail call, for tracebacks).
 */
export function replaceWithTailcall(L: LuaState, f: CallFrame): void {
  const stack = L.stack;
  const nf = L.frames[L.ci]!;
  const func = f.func;
  const pfunc = nf.func;
  if (L.openUpval !== undefined) closeUpvals(L, f.base);
  const nbase = func + (nf.base - pfunc);
  let aux = 0;
  for (; pfunc + aux < L.top; aux++) stack[func + aux] = stack[pfunc + aux];
  f.base = nbase;
  f.top = func + aux;
  L.top = f.top;
  L.base = nbase;
  f.savedpc = 0;
  f.closure = nf.closure;
  f.tailcalls++;
  L.ci--;
}

/** luaD_call: calls stack[func] from host code, running Lua to completion. */
export function call(L: LuaState, func: number, nresults: number): void {
  if (++L.nCcalls >= MAX_C_CALLS) cStackOverflow(L);
  const fn = L.stack[func];
  let r: number;
  if (fn instanceof LuaHostFunction) r = callHost(L, fn, func, nresults) ? PRECALL_HOST : PRECALL_YIELD;
  else if (fn instanceof LuaClosure && fn.proto.isVararg === 0 && L.ci + 1 < L.ciLimit) {
    // precall's common Lua case (a callback, a metamethod) through the
    // frame push translated code uses; then precall's budget and hook.
    pushLuaFrame(L, func, fn, fn.proto, nresults);
    L.base = func + 1;
    if (--L.g.budget <= 0) budgetExhausted(L);
    if (L.hookMask !== 0) hookCall(L);
    r = PRECALL_LUA;
  } else r = precall(L, func, nresults);
  if (r === PRECALL_LUA) {
    const entry = L.ci;
    // A translated callee runs directly (no dispatch loop to enter: this is
    // every host-to-Lua call, a gsub or sort callback, a metamethod); if it
    // does not return, the loop resumes its frames at their savedpc.
    const f = L.frames[entry]!;
    const jf = f.closure!.proto.jit;
    if (typeof jf === 'function' && L.hookMask === 0 && L.g.jit) jf(L, f, 0, 0);
    if (L.ci >= entry) executeFrom(L, entry);
    else L.base = L.frames[L.ci]!.base;
  } else if (r === PRECALL_YIELD) {
    L.nCcalls--;
    throw runtimeError(L, 'attempt to yield across metamethod/C-call boundary');
  }
  L.nCcalls--;
}

/** call()'s frames that did not all return: the dispatch loop runs them (apart: call() stays small). */
function executeFrom(L: LuaState, entry: number): void {
  execute(L, entry);
  while (L.ci >= entry) {
    // The loop left for a collection (weak.ts): collect, continue.
    collectPending(L);
    execute(L, entry);
  }
}

function cStackOverflow(L: LuaState): void {
  if (L.nCcalls === MAX_C_CALLS) throw runtimeError(L, 'C stack overflow');
  if (L.nCcalls >= MAX_C_CALLS + (MAX_C_CALLS >> 3)) throw new LuaError('error in error handling', LUA_ERRERR);
}

/**
 * lua_pcall: calls stack[func] catching errors. On error the message
 * handler (if any) runs first, where the error happened; then the stack is
 * unwound to `func`, where the error value is left (top = func + 1).
 */
export function pcall(L: LuaState, func: number, nresults: number, handler?: LuaValue, withHandler = handler !== undefined): number {
  const oldCi = L.ci;
  const oldBase = L.base;
  const oldNc = L.nCcalls;
  const oldErrfunc = L.errfunc;
  const oldHasErrfunc = L.hasErrfunc;
  L.errfunc = handler;
  L.hasErrfunc = withHandler;
  try {
    call(L, func, nresults);
    return LUA_OK;
  } catch (e) {
    const err = toLuaError(e);
    let value = err.value;
    let status = err.status;
    if (withHandler && status !== LUA_ERRERR) {
      value = applyHandler(L, handler, value);
      if (value === ERROR_IN_HANDLER) {
        status = LUA_ERRERR;
        value = 'error in error handling';
      }
    }
    closeUpvals(L, func);
    L.ci = oldCi;
    L.base = oldBase;
    L.nCcalls = oldNc;
    // restore_stack_limit: after an overflow the limit drops back to MAX_CALLS.
    if (L.ciLimit > MAX_CALLS && L.ci + 1 < MAX_CALLS) L.ciLimit = MAX_CALLS;
    L.stack[func] = value;
    L.top = func + 1;
    return status;
  } finally {
    L.errfunc = oldErrfunc;
    L.hasErrfunc = oldHasErrfunc;
  }
}

const ERROR_IN_HANDLER = { failed: true } as unknown as LuaValue;

/**
 * luaG_errormsg's handler call: runs `handler(value)` above the frames of
 * the error (so tracebacks see them); ERROR_IN_HANDLER when the handler is
 * not a function or fails itself.
 */
function applyHandler(L: LuaState, handler: LuaValue, value: LuaValue): LuaValue {
  if (!(handler instanceof LuaClosure || handler instanceof LuaHostFunction)) return ERROR_IN_HANDLER;
  const f = L.frames[L.ci]!;
  if (L.top < f.top) L.top = f.top;
  ensureStack(L, L.top + MIN_STACK);
  const h = L.top;
  L.stack[h] = handler;
  L.stack[h + 1] = value;
  L.top = h + 2;
  // An interrupt stops the script, not the handler reporting it.
  const g = L.g;
  const interrupted = g.interrupted;
  if (interrupted) { g.interrupted = false; g.budget = g.budgetInterval; }
  try {
    call(L, h, 1);
    return L.stack[h];
  } catch {
    return ERROR_IN_HANDLER;
  } finally {
    if (interrupted) { g.interrupted = true; g.budget = 0; }
  }
}

/**
 * An error raised by protected host work (like lua_load's reader) goes
 * through the message handler of the pcall in progress, as 5.1 does.
 */
export function errorThroughHandler(L: LuaState, value: LuaValue): LuaValue {
  if (!L.hasErrfunc) return value;
  const v = applyHandler(L, L.errfunc, value);
  return v === ERROR_IN_HANDLER ? 'error in error handling' : v;
}

/** pcall with the message handler currently in force (lua_load's luaD_pcall). */
export function pcallKeepHandler(L: LuaState, func: number, nresults: number): number {
  return pcall(L, func, nresults, L.errfunc, L.hasErrfunc);
}

/** luaF_findupval: the open upvalue for stack slot `index`, created if needed. */
export function findUpval(L: LuaState, index: number): UpVal {
  let prev: UpVal | undefined;
  let uv = L.openUpval;
  while (uv !== undefined && uv.index >= index) {
    if (uv.index === index) return uv;
    prev = uv;
    uv = uv.next;
  }
  const nuv = new UpVal(L.stack, index, undefined);
  nuv.next = uv;
  if (prev === undefined) L.openUpval = nuv;
  else prev.next = nuv;
  return nuv;
}

/** luaF_close: closes open upvalues at or above stack slot `level`. */
export function closeUpvals(L: LuaState, level: number): void {
  let uv = L.openUpval;
  const stack = L.stack;
  while (uv !== undefined && uv.index >= level) {
    uv.value = stack[uv.index];
    uv.stack = undefined;
    uv = uv.next;
  }
  L.openUpval = uv;
}

/**
 * The budget ran out (see GlobalState.setBudgetHook / interrupt): raise
 * the interrupt value, or run the hook and refill. Returns whether a pause
 * is pending (the loop pauses at its next safe point; until then the
 * budget is checked at every call and backward jump).
 */
export function budgetExhausted(L: LuaState): boolean {
  const g = L.g;
  if (g.interrupted) {
    g.budget = 0;
    throw new LuaError(g.interruptValue);
  }
  g.budget = g.budgetInterval;
  const hook = g.onBudget;
  if (hook !== undefined && hook(L) === true) g.pauseRequested = true;
  if (g.pauseRequested) g.budget = 1;
  return g.pauseRequested;
}
