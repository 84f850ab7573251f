// The coroutine library (lbaselib.c's co_* functions). A coroutine is a
// LuaState of its own (stack + frames); resume runs its dispatch loop in a
// nested JS call and yield returns from it (precall reports PRECALL_YIELD),
// leaving the yield's host frame on the coroutine's frames until the next
// resume completes it with the resume arguments as results.
// Like 5.1, a yield is refused when a host->Lua crossing (pcall, a
// metamethod, an iterator called by TFORLOOP...) lies between the resume
// and the yield: nCcalls > baseCcalls.

import { LuaError, toLuaError } from '../errors.js';
import type { LuaValue } from '../value.js';
import { LuaClosure, LuaHostFunction } from '../value.js';
import { LuaState, ThreadStatus, MAX_C_CALLS, MULTRET } from '../state.js';
import type { LibTable } from '../state.js';
import { precall, poscall, closeUpvals, ensureStack, PRECALL_LUA, MIN_STACK } from '../call.js';
import { execute } from '../interp.js';
import { hookReturn, MASK_GC } from '../hooks.js';
import { collectPending } from '../weak.js';
import { runtimeError } from '../messages.js';
import { where } from '../debug.js';
import { numberToString } from '../number.js';

const STATUS_NAMES = ['suspended', 'running', 'normal', 'dead'];

/**
 * Resumes `co` with `nargs` values taken from the top of L's stack. On
 * success returns the number of values yielded/returned, left on L's
 * stack; on error returns -1 with the error value on L's stack. A thread
 * stopped by a budget pause (GlobalState.setBudgetHook) returns 0 values
 * with `co.paused` set; resuming it continues the script.
 */
export function resume(L: LuaState, co: LuaState, nargs: number): number {
  if (co.status !== ThreadStatus.Suspended) {
    L.top -= nargs;
    L.push(`cannot resume ${STATUS_NAMES[co.status]} coroutine`);
    return -1;
  }
  if (co.paused) nargs = 0; // a paused thread takes no values
  ensureStack(co, co.top + nargs + MIN_STACK);
  for (let i = 0; i < nargs; i++) co.stack[co.top++] = L.stack[L.top - nargs + i];
  L.top -= nargs;
  // lua_setlevel + lua_resume: the coroutine continues L's C-call count.
  co.nCcalls = L.nCcalls;
  if (co.nCcalls >= MAX_C_CALLS) {
    L.push('C stack overflow');
    return -1;
  }
  co.baseCcalls = ++co.nCcalls;
  const prevStatus = L.status;
  L.status = ThreadStatus.Normal;
  co.status = ThreadStatus.Running;
  let first: number;
  try {
    if (co.ci === 0) {
      // First resume: the body function sits at stack[1].
      const r = precall(co, 1, MULTRET);
      if (r === PRECALL_LUA) runThread(co);
    } else if (co.paused) {
      // Stopped by a budget pause: continue where the loop left.
      co.paused = false;
      runThread(co);
    } else {
      // Complete the pending yield() call with the resume arguments.
      const yf = co.frames[co.ci]!;
      const wanted = yf.nresults;
      if (co.hookMask !== 0) hookReturn(co);
      poscall(co, co.top - nargs, nargs);
      if (wanted >= 0) co.top = co.frames[co.ci]!.top;
      runThread(co);
    }
  } catch (e) {
    const err = toLuaError(e);
    co.status = ThreadStatus.Dead;
    closeUpvals(co, 0);
    L.status = prevStatus;
    L.push(err.value);
    return -1;
  } finally {
    co.nCcalls--;
  }
  L.status = prevStatus;
  let n: number;
  if (co.ci === 0) {
    // Returned: results from stack[1] up to top.
    co.status = ThreadStatus.Dead;
    first = 1;
    n = co.top - 1;
  } else {
    co.status = ThreadStatus.Suspended;
    n = co.transferCount;
    first = co.top - n;
  }
  ensureStack(L, L.top + n + MIN_STACK);
  for (let i = 0; i < n; i++) L.push(co.stack[first + i]);
  if (co.status === ThreadStatus.Suspended) co.top = first;
  else co.top = 1;
  return n;
}

/** The coroutine's dispatch loop, continued after collections it asked for (weak.ts). */
function runThread(co: LuaState): void {
  execute(co, 1);
  while ((co.hookMask & MASK_GC) !== 0) {
    collectPending(co);
    execute(co, 1);
  }
}

function getCo(L: LuaState): LuaState {
  const co = L.arg(1);
  if (!(co instanceof LuaState)) throw L.argError(1, 'coroutine expected');
  return co;
}

function coCreate(L: LuaState): number {
  const fn = L.arg(1);
  if (!(fn instanceof LuaClosure)) throw L.argError(1, 'Lua function expected');
  const co = new LuaState(L);
  co.stack[1] = fn;
  co.top = 2;
  L.push(co);
  return 1;
}

function coResume(L: LuaState, _base: number, nargs: number): number {
  const co = getCo(L);
  const r = resume(L, co, nargs - 1);
  if (r < 0) {
    const v = L.stack[L.top - 1];
    L.stack[L.top - 1] = false;
    L.push(v);
    return 2;
  }
  // Insert true below the r results.
  const top = L.top;
  L.push(undefined);
  for (let i = top; i > top - r; i--) L.stack[i] = L.stack[i - 1];
  L.stack[top - r] = true;
  return r + 1;
}

function coRunning(L: LuaState): number {
  L.push(L === L.g.mainThread ? undefined : L);
  return 1;
}

function coStatus(L: LuaState): number {
  const co = getCo(L);
  L.push(co === L ? 'running' : STATUS_NAMES[co.status]);
  return 1;
}

function coYield(L: LuaState, _base: number, nargs: number): number {
  if (L.nCcalls > L.baseCcalls || L === L.g.mainThread) {
    throw runtimeError(L, 'attempt to yield across metamethod/C-call boundary');
  }
  L.transferCount = nargs;
  return -1;
}

function coWrap(L: LuaState): number {
  coCreate(L);
  const co = L.stack[L.top - 1] as LuaState;
  L.push(
    new LuaHostFunction('wrap', (L2: LuaState, _b: number, nargs: number): number => {
      const r = resume(L2, co, nargs);
      if (r < 0) {
        let v: LuaValue = L2.stack[L2.top - 1];
        // auxwrap: string errors get the position of the wrap's caller.
        if (typeof v === 'string' || typeof v === 'number') v = where(L2, 1) + (typeof v === 'number' ? numberToString(v) : v);
        throw new LuaError(v);
      }
      return r;
    }),
  );
  return 1;
}

export const coroutineLib: LibTable = {
  create: coCreate,
  resume: coResume,
  running: coRunning,
  status: coStatus,
  wrap: coWrap,
  yield: coYield,
};
