// debug.sethook's hooks, as ldo.c (luaD_callhook, the call hook in
// luaD_precall, callrethooks in luaD_poscall) and lvm.c (traceexec) fire
// them, with ldblib.c's hookf calling the thread's Lua function with the
// event name and, for line events, the line.
//
// Cost when no hook is set: the dispatch loop tests `L.hookMask !== 0`
// once per instruction (a field of the running thread) and takes the
// inlined Lua call only when it is 0; precall tests it once per call.
// Everything here runs only while a hook is set on the running thread.
//
// Invariants: while a hook function runs, `allowHook` is false on its
// thread (no hook fires inside a hook, on that thread); the hooked frame is
// the one below the hook function (debug.getinfo(2) inside the hook), with
// savedpc such that its currentline is the line being reported.

import { Op } from './opcodes.js';
import type { CallFrame, LuaState } from './state.js';
import { LuaClosure, LuaHostFunction } from './value.js';
import { call, ensureStack, MIN_STACK } from './call.js';

/** 5.1's LUA_MASKCALL, LUA_MASKRET, LUA_MASKLINE, LUA_MASKCOUNT. */
export const MASK_CALL = 1;
export const MASK_RET = 2;
export const MASK_LINE = 4;
export const MASK_COUNT = 8;
/**
 * Not a hook: a collection is due at the next instruction (weak.ts), so
 * the dispatch loop returns there and its caller collects with the loop's
 * JS frame (and the stale values its locals hold) gone.
 */
export const MASK_GC = 16;

/**
 * luaD_callhook + hookf: calls the thread's hook function with (event,
 * line or nil) above the current top, with hooks disabled on the thread;
 * the stack top is restored afterwards. Errors propagate.
 */
function callHook(L: LuaState, event: string, line: number): void {
  // lua_sethook(NULL) clears the mask: hookf is gone; a thread that only
  // inherited the mask has no function in the hook table (hookf does nothing).
  if ((L.hookMask & ~MASK_GC) === 0 || !L.allowHook) return;
  const fn = L.hookFn;
  if (!(fn instanceof LuaClosure || fn instanceof LuaHostFunction)) return;
  const top = L.top;
  ensureStack(L, top + 3 + MIN_STACK);
  const stack = L.stack;
  stack[top] = fn;
  stack[top + 1] = event;
  stack[top + 2] = line >= 0 ? line : undefined;
  L.top = top + 3;
  L.allowHook = false;
  try {
    call(L, top, 0);
  } finally {
    L.allowHook = true;
    L.top = top;
  }
}

/**
 * The call hook of luaD_precall, for the frame just pushed (L.ci): a Lua
 * frame reports the line of its first instruction meanwhile ("hooks assume
 * 'pc' is already incremented"). A tail call reports from here too, while
 * the frame it replaces is still below it (lua5.1 names the callee then).
 */
export function hookCall(L: LuaState): void {
  if ((L.hookMask & MASK_CALL) === 0) return;
  const f = L.frames[L.ci]!;
  if (f.closure === undefined) {
    callHook(L, 'call', -1);
    return;
  }
  f.savedpc = 1;
  callHook(L, 'call', -1);
  f.savedpc = 0;
}

/**
 * callrethooks: "return" for the running frame (L.ci), then one "tail
 * return" per tail call it replaced, counting them down as 5.1 does (so a
 * hook sees the frame with the remaining tail calls).
 */
export function hookReturn(L: LuaState): void {
  if ((L.hookMask & MASK_RET) === 0) return;
  const f = L.frames[L.ci]!;
  callHook(L, 'return', -1);
  if (f.closure === undefined) return;
  while ((L.hookMask & MASK_RET) !== 0 && f.tailcalls > 0) {
    f.tailcalls--;
    callHook(L, 'tail return', -1);
  }
}

/**
 * Runs before the instruction at pc - 1 of the running Lua frame `f` while
 * the thread has a hook (the loop's `L.hookMask !== 0` test): traceexec's
 * count and line events, then the return hooks when that instruction is a
 * RETURN (5.1 fires them in luaD_poscall, after closing upvalues; nothing a
 * hook can observe differs).
 * Line events as traceexec decides them: on entering a function (pc 0), on
 * a jump backwards (also to the same line), and on reaching a line other
 * than that of the last instruction traced in this frame (f.savedpc, which
 * calls also set: returning from a call on the same line is no new line).
 */
export function traceExec(L: LuaState, f: CallFrame, pc: number): boolean {
  const mask = L.hookMask;
  if ((mask & MASK_GC) !== 0) {
    // Leave the loop before this instruction (f.savedpc is pc - 1: the
    // collection was asked for by the call just made).
    f.savedpc = pc - 1;
    return true;
  }
  if ((mask & (MASK_LINE | MASK_COUNT)) !== 0) {
    // lvm.c: (--L->hookcount == 0 || L->hookmask & LUA_MASKLINE); the count
    // runs down inside hooks too.
    const countDue = --L.hookCount === 0;
    if (countDue || (mask & MASK_LINE) !== 0) {
      const oldpc = f.savedpc;
      f.savedpc = pc;
      if ((mask & MASK_COUNT) !== 0 && L.hookCount === 0) {
        L.hookCount = L.baseHookCount;
        callHook(L, 'count', -1);
      }
      if ((mask & MASK_LINE) !== 0) {
        const li = f.closure!.proto.lineinfo;
        const npc = pc - 1;
        const newline = li[npc] ?? 0;
        if (npc === 0 || pc <= oldpc || newline !== (li[oldpc - 1] ?? 0)) callHook(L, 'line', newline);
      }
    }
  }
  if ((L.hookMask & MASK_RET) !== 0 && (f.closure!.proto.code[pc - 1]! & 0x3f) === Op.RETURN) {
    f.savedpc = pc;
    hookReturn(L);
  }
  return false;
}

/** makemask (ldblib.c): the mask of a mask string ("c", "r", "l") and a count. */
export function makeMask(smask: string, count: number): number {
  // strchr on a C string: nothing after an embedded zero counts.
  const nul = smask.indexOf('\0');
  const s = nul < 0 ? smask : smask.slice(0, nul);
  let mask = 0;
  if (s.indexOf('c') >= 0) mask |= MASK_CALL;
  if (s.indexOf('r') >= 0) mask |= MASK_RET;
  if (s.indexOf('l') >= 0) mask |= MASK_LINE;
  if (count > 0) mask |= MASK_COUNT;
  return mask;
}

/** unmakemask (ldblib.c): "crl" letters of a mask (the count is not a letter). */
export function unmakeMask(mask: number): string {
  let s = '';
  if ((mask & MASK_CALL) !== 0) s += 'c';
  if ((mask & MASK_RET) !== 0) s += 'r';
  if ((mask & MASK_LINE) !== 0) s += 'l';
  return s;
}

/** lua_sethook: a nil function or an empty mask turns the hook off. */
export function setHook(L1: LuaState, fn: LuaClosure | LuaHostFunction | undefined, mask: number, count: number): void {
  L1.hookFn = fn;
  if (fn === undefined || mask === 0) mask = 0;
  L1.baseHookCount = count;
  L1.hookCount = count;
  L1.hookMask = mask | (L1.hookMask & MASK_GC);
}
