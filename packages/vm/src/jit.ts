// The second tier: each Proto is translated, on its first run without a
// hook, into a JavaScript function that does what the dispatch loop
// (interp.ts) would do for that code, with operands decoded, constants
// inlined and straight-line code between jump targets, so that V8 compiles
// the Lua function itself rather than the loop.
//
// The translation keeps every interpreter convention, so the two tiers can
// hand a frame to each other at any "leader" pc: registers live in
// L.stack, frames in L.frames, f.savedpc is set before anything that can
// raise or run code (errors, tracebacks and debug.getinfo see the same pc),
// the budget is charged on backward jumps and calls exactly as the loop
// charges it. A translated function runs one frame until that frame calls
// or returns (a Lua-to-Lua call sets up the callee's frame and returns
// J_CALL to the loop in interp.ts, so Lua calls still never recurse in
// JS), a host function yields or the budget pauses (J_YIELD), or a hook gets
// set (J_INTERP: the interpreter continues at f.savedpc, since only it
// fires hooks). Entering at a pc that is not a leader also returns J_INTERP.
//
// Environments without `new Function` (a strict CSP) simply stay on the
// interpreter.

import { Op, MAXARG_SBX, LFIELDS_PER_FLUSH } from './opcodes.js';
import type { Proto } from './proto.js';
import { LuaTable, nextEntry } from './table.js';
import { CHAIN_MISS, chainIndex } from './index-cache.js';
import { LuaClosure, LuaHostFunction } from './value.js';
import { baseNext, ipairsAux } from './lib/base.js';
import type { LuaState, CallFrame } from './state.js';
import { MULTRET, MAX_C_CALLS } from './state.js';
import {
  precall, call, callHost, closeUpvals, findUpval, ensureStack, budgetExhausted, pushLuaFrame, popLuaFrame, replaceWithTailcall,
  PRECALL_LUA, PRECALL_YIELD, MIN_STACK,
} from './call.js';
import { Arith, arith, concat, equals, index, indexMiss, len, lessEqual, lessThan, setIndex, checkKey } from './ops.js';
import { hookCall } from './hooks.js';
import { forCorrupted, forPrep, fb2int, nanOperand, pause as pauseLoop } from './interp.js';
import { cPow } from './cmath.js';
import type { LuaValue } from './value.js';

/** A Lua call was set up: the loop runs frame L.ci. */
export const J_CALL = 0;
/** Continue in the interpreter at f.savedpc (a hook is set, or no leader). */
export const J_INTERP = 1;
/** Leave the dispatch loop: a host function yielded or the budget paused. */
export const J_YIELD = 2;
/** The frame returned a fixed number of results (the caller's top is its frame top). */
export const J_RETURN_FIXED = 3;
/** The frame returned all its results (top is past them). */
export const J_RETURN_MULTI = 4;
/** Between a translation's regions (see translate): go on at f.savedpc. */
const J_GOTO = 5;

/**
 * Runs frame `f` from `pc`. `depth` counts translated frames on the JS
 * stack: a translated caller runs its translated callee by a direct JS
 * call while depth < MAX_JS_DEPTH (and the thread is not deep in host
 * re-entries), else hands the new frame to the loop. Either way the
 * frames are in L.frames, so any code can unwind to the loop: a callee
 * that does not return (it called deeper, yielded, paused, met a hook)
 * makes its caller return the same code, and the loop later resumes each
 * frame at its f.savedpc.
 */
export type JitFunction = (L: LuaState, f: CallFrame, pc: number, depth: number) => number;

/** Translated frames nested on the JS stack per dispatch loop. */
const MAX_JS_DEPTH = 40;
/** Nested JS calls only while host re-entries (metamethods, pcall) are few. */
const MAX_JS_CCALLS = 8;

/** Functions up to this many instructions get CALL's fast path inline. */
const INLINE_CALLS_MAX_CODE = 64;

/** Protos longer than this stay interpreted (V8 does not optimise huge functions). */
const MAX_JIT_CODE = 4000;

/** Whether `new Function` is available (false under a strict CSP). */
let canCompile = true;

/** interp.ts's pause, as a translation's return code. */
function pause(L: LuaState): number {
  pauseLoop(L, L.g);
  return J_YIELD;
}

// Out-of-line parts of the translated instructions: the slow paths and the
// long sequences, shared by all translations so that generated functions
// stay small (V8 compiles them sooner). Each sets f.savedpc first; those
// returning a boolean answer "a hook is now set" (the translation then
// returns J_INTERP, f.savedpc being the pc to continue at).

/** After the budget ran out at a backward jump to `target` (or a call): -1 to go on, else the code to return. */
function jitBudget(L: LuaState, f: CallFrame, target: number): number {
  f.savedpc = target;
  const g = L.g;
  if (budgetExhausted(L) && L.nCcalls === L.baseCcalls && L !== g.mainThread) return pause(L);
  return L.hookMask !== 0 ? J_INTERP : -1;
}

/** GETTABLE/SELF/GETGLOBAL past the raw fast path: stack[dst] = t[key] with metamethods. */
function jitIndex(L: LuaState, f: CallFrame, t: LuaValue, key: LuaValue, reg: number, dst: number, savedpc: number): boolean {
  f.savedpc = savedpc;
  let v: LuaValue;
  if (typeof t === 'string') {
    // s:method(): the string metatable's __index table, as index() reads it.
    const sm = L.g.stringMetatable;
    const si = sm === undefined ? undefined : sm.getStr('__index');
    if (si instanceof LuaTable && ((v = typeof key === 'string' ? si.getStr(key) : si.get(key)) !== undefined || si.metatable === undefined)) {
      L.stack[dst] = v;
      return false;
    }
    v = index(L, t, key, reg);
  } else if (t instanceof LuaTable) {
    // a class chain of __index tables: the instruction's lookup cache
    const c = typeof key === 'string' ? chainIndex((f.closure as LuaClosure).proto, savedpc, t, key) : CHAIN_MISS;
    v = c === CHAIN_MISS ? indexMiss(L, t, key) : c;
  } else v = index(L, t, key, reg);
  L.stack[dst] = v;
  return L.hookMask !== 0;
}

/** SELF of a long function: stack[dst + 1] = t; stack[dst] = t[key]. */
function jitSelf(L: LuaState, f: CallFrame, t: LuaValue, key: LuaValue, reg: number, dst: number, savedpc: number): boolean {
  L.stack[dst + 1] = t;
  let v: LuaValue;
  // A table's own method, or a string's from the string metatable's
  // __index table (as jitIndex reads it); anything else through jitIndex.
  let h = t;
  if (typeof t === 'string') {
    const sm = L.g.stringMetatable;
    h = sm === undefined ? undefined : sm.getStr('__index');
  }
  if (h instanceof LuaTable && ((v = typeof key === 'string' ? h.getStr(key) : h.get(key)) !== undefined || h.metatable === undefined)) {
    L.stack[dst] = v;
    return false;
  }
  return jitIndex(L, f, t, key, reg, dst, savedpc);
}


/** SETTABLE/SETGLOBAL past the raw fast path. */
function jitSetIndex(L: LuaState, f: CallFrame, t: LuaValue, key: LuaValue, v: LuaValue, reg: number, savedpc: number): boolean {
  f.savedpc = savedpc;
  if (t instanceof LuaTable) {
    const mt = t.metatable;
    if (mt === undefined || mt.getStr('__newindex') === undefined) {
      checkKey(L, key);
      t.set(key, v);
      return false;
    }
  }
  setIndex(L, t, key, v, reg);
  return L.hookMask !== 0;
}

function jitArith(L: LuaState, f: CallFrame, op: Arith, x: LuaValue, y: LuaValue, rb: number, rc: number, dst: number, savedpc: number): boolean {
  f.savedpc = savedpc;
  L.stack[dst] = arith(L, op, x, y, rb, rc);
  return L.hookMask !== 0;
}

function jitLen(L: LuaState, f: CallFrame, x: LuaValue, reg: number, dst: number, savedpc: number): boolean {
  f.savedpc = savedpc;
  L.stack[dst] = len(L, x, reg);
  return L.hookMask !== 0;
}

function jitConcat(L: LuaState, f: CallFrame, first: number, last: number, dst: number, savedpc: number): boolean {
  f.savedpc = savedpc;
  concat(L, first, last, f.base);
  L.stack[dst] = L.stack[first];
  return L.hookMask !== 0;
}

/** EQ/LT/LE past the fast path (kind 0, 1, 2); the caller checks for a hook. */
function jitCompare(L: LuaState, f: CallFrame, kind: number, x: LuaValue, y: LuaValue, savedpc: number): boolean {
  f.savedpc = savedpc;
  return kind === 0 ? equals(L, x, y) : kind === 1 ? lessThan(L, x, y) : lessEqual(L, x, y);
}

function jitForprep(L: LuaState, f: CallFrame, ra: number, savedpc: number): void {
  f.savedpc = savedpc;
  forPrep(L, ra);
}

/** CALL out of line (see translate): -1 when this frame goes on at savedpc, else the code to return. */
function jitCall(L: LuaState, f: CallFrame, ra: number, b: number, nresults: number, savedpc: number, depth: number): number {
  if (b !== 0) L.top = ra + b;
  f.savedpc = savedpc;
  const fn = L.stack[ra];
  if (fn instanceof LuaHostFunction) {
    if (!callHost(L, fn, ra, nresults)) return J_YIELD;
    if (nresults >= 0) L.top = f.top;
    return L.hookMask !== 0 ? J_INTERP : -1;
  }
  return jitCallLua(L, f, ra, nresults, depth);
}

/** jitCall of anything but a host function (kept apart so that jitCall stays small). */
function jitCallLua(L: LuaState, f: CallFrame, ra: number, nresults: number, depth: number): number {
  const fn = L.stack[ra];
  if (!(fn instanceof LuaClosure) || fn.proto.isVararg !== 0 || L.ci + 1 >= L.ciLimit) return jitCallOther(L, f, ra, nresults);
  const np = fn.proto;
  const nf = pushLuaFrame(L, ra, fn, np, nresults);
  const jf = np.jit;
  if (--L.g.budget <= 0 || depth >= MAX_JS_DEPTH || L.nCcalls > MAX_JS_CCALLS || typeof jf !== 'function') {
    return jitCallCold(L, f, nf, np, depth);
  }
  const r = jf(L, nf, 0, depth + 1);
  if (r === J_RETURN_FIXED) {
    L.top = f.top;
    return -1;
  }
  return r === J_RETURN_MULTI ? -1 : r;
}

// CALL (emitted inline): a fixed-arity closure gets its frame from
// pushLuaFrame and, when translated and the budget and JS depth allow, runs
// by a direct JS call; the other cases are out of line.

/** CALL after pushing the frame, when the budget ran out, the JS stack is deep or the callee is not translated. */
function jitCallCold(L: LuaState, f: CallFrame, nf: CallFrame, np: Proto, depth: number): number {
  const g = L.g;
  if (g.budget <= 0) {
    if (budgetExhausted(L) && L.nCcalls === L.baseCcalls && L !== g.mainThread) return pause(L);
    if (L.hookMask !== 0) { hookCall(L); return J_CALL; }
  }
  if (depth >= MAX_JS_DEPTH || L.nCcalls > MAX_JS_CCALLS) return J_CALL;
  let jf = np.jit;
  if (jf === undefined) {
    if (++np.hot < L.g.jitThreshold) return J_CALL;
    jf = jitProto(np);
  }
  if (jf === null) return J_CALL;
  const r = jf(L, nf, 0, depth + 1);
  if (r === J_RETURN_FIXED) L.top = f.top;
  else if (r !== J_RETURN_MULTI) return r;
  return -1;
}

/** CALL for anything but a fixed-arity closure with room for its frame: precall. */
function jitCallOther(L: LuaState, f: CallFrame, ra: number, nresults: number): number {
  const r = precall(L, ra, nresults);
  if (r === PRECALL_LUA) return J_CALL;
  if (r === PRECALL_YIELD) return J_YIELD;
  if (nresults >= 0) L.top = f.top;
  return L.hookMask !== 0 ? J_INTERP : -1;
}

/** TAILCALL: -1 when a host function ran (this frame goes on), else the code to return. */
function jitTailcall(L: LuaState, f: CallFrame, ra: number, b: number, savedpc: number): number {
  if (b !== 0) L.top = ra + b;
  f.savedpc = savedpc;
  const r = precall(L, ra, -1);
  if (r === PRECALL_LUA) {
    replaceWithTailcall(L, f);
    return J_CALL;
  }
  if (r === PRECALL_YIELD) return J_YIELD;
  return L.hookMask !== 0 ? J_INTERP : -1;
}

/** RETURN of n results from stack[ra..]: pops the frame, returns the code for the caller. */
function jitReturn(L: LuaState, f: CallFrame, ra: number, n: number): number {
  popLuaFrame(L, f, ra, n);
  return f.nresults === MULTRET ? J_RETURN_MULTI : J_RETURN_FIXED;
}

/**
 * TFORLOOP's call: next and ipairs' iterator run inline when the call
 * would just return their results (the same budget charge, neither the
 * call depth nor the C-stack limit reached, a table); anything else, an
 * invalid key's error included, goes through the call. Returns whether
 * the loop goes on (the first result is not nil); the caller checks for a
 * hook.
 */
function jitTfor(L: LuaState, f: CallFrame, ra: number, c: number, savedpc: number): boolean {
  const stack = L.stack;
  const cb = ra + 3;
  const it = stack[ra];
  const g = L.g;
  if (it instanceof LuaHostFunction && g.budget > 1 && L.nCcalls + 1 < MAX_C_CALLS && L.ci + 1 < L.ciLimit) {
    const t = stack[ra + 1];
    const ctl = stack[ra + 2];
    if (t instanceof LuaTable) {
      let k: LuaValue;
      let v: LuaValue;
      let done = false;
      if (it.fn === ipairsAux) {
        if (typeof ctl === 'number' && (ctl | 0) === ctl) {
          done = true;
          v = t.getInt(ctl + 1);
          if (v !== undefined) k = ctl + 1;
        }
      } else if (it.fn === baseNext) {
        let found: boolean | undefined;
        try {
          found = t.next(ctl);
        } catch {
          found = undefined;
        }
        if (found !== undefined) {
          done = true;
          if (found) { k = nextEntry.key; v = nextEntry.value; }
        }
      }
      if (done) {
        g.budget--;
        if (k === undefined) v = undefined;
        if (c > 0) stack[cb] = k;
        if (c > 1) stack[cb + 1] = v;
        for (let j = 2; j < c; j++) stack[cb + j] = undefined;
        if (k !== undefined) stack[cb - 1] = k;
        return k !== undefined;
      }
    }
  }
  return jitTforCall(L, f, ra, c, savedpc);
}

/**
 * jitTfor's call of the iterator (apart, so that jitTfor stays small
 * enough for V8 to inline into the loops that iterate tables).
 */
function jitTforCall(L: LuaState, f: CallFrame, ra: number, c: number, savedpc: number): boolean {
  const stack = L.stack;
  const cb = ra + 3;
  const it = stack[ra];
  stack[cb + 2] = stack[ra + 2];
  stack[cb + 1] = stack[ra + 1];
  stack[cb] = it;
  L.top = cb + 3;
  f.savedpc = savedpc;
  call(L, cb, c);
  L.top = f.top;
  const v = stack[cb];
  if (v === undefined) return false;
  stack[cb - 1] = v;
  return true;
}

function jitSetlist(L: LuaState, f: CallFrame, ra: number, nfix: number, block: number): void {
  const stack = L.stack;
  let n = nfix;
  if (n === 0) {
    n = L.top - ra - 1;
    L.top = f.top;
  }
  const h = stack[ra] as LuaTable;
  let last = (block - 1) * LFIELDS_PER_FLUSH + n;
  if (last > h.arr.length) h.resize(last, h.hashCap);
  for (; n > 0; n--) h.setInt(last--, stack[ra + n]);
}

function jitVararg(L: LuaState, f: CallFrame, ra: number, b: number, numParams: number): void {
  const stack = L.stack;
  const base = f.base;
  const n = base - f.func - numParams - 1;
  if (b < 0) {
    b = n;
    ensureStack(L, ra + n + MIN_STACK);
    L.top = ra + n;
  }
  for (let j = 0; j < b; j++) stack[ra + j] = j < n ? stack[base - n + j] : undefined;
}

/**
 * What generated code reaches through its closure (built on first use:
 * the modules it names import this one).
 */
function runtime() {
  return {
    LuaTable, LuaClosure, findUpval, closeUpvals, MULTRET, cPow, nanOperand, forCorrupted,
    jitBudget, jitIndex, jitSelf, jitSetIndex, jitArith, jitLen, jitConcat, jitCompare, jitForprep,
    pushLuaFrame, jitCall, jitCallCold, jitCallOther, jitTailcall, jitReturn, jitTfor, jitSetlist, jitVararg,
  };
}
let RUNTIME: ReturnType<typeof runtime> | undefined;
let PRELUDE = '';

/**
 * The translated function for `p`, or null when it stays interpreted
 * (too long, malformed jumps, or no `new Function`). Cached on the proto.
 */
export function jitProto(p: Proto): JitFunction | null {
  let fn: JitFunction | null = null;
  if (canCompile) {
    const src = translatedSource(p);
    if (src !== null) {
      try {
        if (RUNTIME === undefined) {
          RUNTIME = runtime();
          PRELUDE = `"use strict"; const {${Object.keys(RUNTIME).join(', ')}} = R;\n`;
        }
        const factory = new Function('R', 'K', 'P', `${PRELUDE}return ${src};`);
        fn = factory(RUNTIME, p.k, p.p) as JitFunction;
      } catch (e) {
        if (e instanceof EvalError) canCompile = false;
        fn = null;
      }
    }
  }
  p.jit = fn;
  return fn;
}

/** The JS source jitProto compiles for `p` (null: it stays interpreted); for inspecting translations. */
export function translatedSource(p: Proto): string | null {
  return p.code.length <= MAX_JIT_CODE ? translate(p) : null;
}

/** A constant as a JS expression. */
function constExpr(p: Proto, idx: number): string {
  const v = p.k[idx];
  if (typeof v === 'number') {
    if (Object.is(v, -0)) return '(-0)';
    if (v !== v) return 'NaN';
    if (v === Infinity) return 'Infinity';
    if (v === -Infinity) return '(-Infinity)';
    return v < 0 ? `(${String(v)})` : String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === undefined) return 'undefined';
  // A literal: V8 interns it, so table keys compare by pointer.
  return JSON.stringify(v);
}

function isNumberConst(p: Proto, rk: number): boolean {
  return rk >= 256 && typeof p.k[rk - 256] === 'number';
}

/** The source of the translated function, or null if `p` cannot be translated. */
function translate(p: Proto): string | null {
  const code = p.code;
  const n = code.length;
  if (n === 0) return null;
  // Instruction starts (CLOSURE's pseudo-instructions and SETLIST's extra
  // word are not instructions) and leaders (entry points).
  const isStart = new Uint8Array(n);
  const leader = new Uint8Array(n + 1);
  leader[0] = 1;
  /** Backward jumps as [target, jump pc]: the loops (see the regions below). */
  const loops: [number, number][] = [];
  for (let pc = 0; pc < n;) {
    isStart[pc] = 1;
    const i = code[pc]!;
    const op = i & 0x3f;
    let next = pc + 1;
    if (op === Op.CLOSURE) {
      const np = p.p[i >>> 14];
      if (np === undefined) return null;
      next += np.numUpvalues;
    } else if (op === Op.SETLIST && ((i >>> 14) & 0x1ff) === 0) next++;
    if (next > n) return null;
    const target = (t: number): boolean => {
      if (t < 0 || t > n) return false;
      leader[t] = 1;
      return true;
    };
    switch (op) {
      case Op.JMP: case Op.FORLOOP: case Op.FORPREP: {
        const t = pc + 1 + (i >>> 14) - MAXARG_SBX;
        if (!target(t)) return null;
        if (t <= pc && op !== Op.FORPREP) loops.push([t, pc]);
        leader[next] = 1;
        break;
      }
      case Op.EQ: case Op.LT: case Op.LE: case Op.TEST: case Op.TESTSET: case Op.TFORLOOP: {
        // Followed by a JMP: either it runs, or the pc after it does.
        const j = code[pc + 1];
        if (j === undefined || (j & 0x3f) !== Op.JMP) return null;
        if (!target(pc + 2)) return null;
        break;
      }
      case Op.LOADBOOL:
        if (((i >>> 14) & 0x1ff) !== 0 && !target(pc + 2)) return null;
        break;
      case Op.CALL: case Op.TAILCALL: case Op.RETURN:
        leader[next] = 1;
        break;
      default:
        break;
    }
    pc = next;
  }
  for (let pc = 0; pc < n; pc++) if (leader[pc] === 1 && isStart[pc] === 0) return null;

  // Regions: each innermost loop (the span from a backward jump's target
  // to the jump) and each stretch between them becomes a JS function of
  // its own. V8 then optimises a loop without the code after it: compiled
  // together, every later loop's first run was a deopt ("insufficient type
  // feedback") and a new compile of the whole function. Jumps out of a
  // region go through the wrapper (J_GOTO); a backward one is charged to
  // the budget first, as always.
  // Innermost loops (those holding no other loop) get regions of their
  // own; overlapping ones (possible only in odd binary chunks) merge.
  const inner = loops.filter(([lo, hi]) => !loops.some(([lo2, hi2]) => lo2 >= lo && hi2 <= hi && (lo2 !== lo || hi2 !== hi)));
  inner.sort((x, y) => x[0] - y[0]);
  const bounds: number[] = [0];
  let spanEnd = -1;
  for (const [lo, hi] of inner) {
    if (lo > spanEnd) {
      if (lo > 0 && bounds[bounds.length - 1] !== lo) bounds.push(lo);
      spanEnd = hi;
      if (hi + 1 < n) bounds.push(hi + 1);
    } else if (hi > spanEnd) {
      if (bounds[bounds.length - 1] === spanEnd + 1) bounds.pop();
      spanEnd = hi;
      if (hi + 1 < n) bounds.push(hi + 1);
    }
  }
  for (const b0 of bounds) {
    if (isStart[b0] === 0) return null;
    leader[b0] = 1;
  }

  const out: string[] = [];
  const emit = (s: string): void => { out.push(s); };
  const R = (r: number): string => `stack[base + ${r}]`;
  const RK = (x: number): string => (x >= 256 ? constExpr(p, x - 256) : R(x));
  /** After a helper reported a hook: it set f.savedpc to the pc to go on at. */
  const hookExit = `return ${J_INTERP};`;
  /** Budget charge of a backward jump to `t`. */
  const backJump = (t: number): string => `if (--g.budget <= 0 && (r = jitBudget(L, f, ${t})) >= 0) return r;`;
  /** The current region: [regionLo, regionHi). */
  let regionLo = 0;
  let regionHi = n;
  const goto = (t: number): string => (t >= regionLo && t < regionHi ? `pc = ${t}; continue;` : `f.savedpc = ${t}; return ${J_GOTO};`);
  const jumpTo = (t: number, from: number): string => (t <= from ? `${backJump(t)} ${goto(t)}` : goto(t));
  const arithOps: Partial<Record<Op, Arith>> = {
    [Op.ADD]: Arith.ADD, [Op.SUB]: Arith.SUB, [Op.MUL]: Arith.MUL, [Op.DIV]: Arith.DIV, [Op.MOD]: Arith.MOD, [Op.POW]: Arith.POW,
  };
  const arithSyms: Partial<Record<Op, string>> = { [Op.ADD]: '+', [Op.SUB]: '-', [Op.MUL]: '*', [Op.DIV]: '/' };

  const regions: string[] = [];
  let region = 0;
  regionHi = bounds.length > 1 ? bounds[1]! : n;
  for (let pc = 0; pc < n;) {
    if (pc >= regionHi) {
      // Close the region: falling off its end continues in the next.
      emit(`f.savedpc = ${regionHi}; return ${J_GOTO};`);
      regions.push(out.splice(0).join('\n'));
      region++;
      regionLo = regionHi;
      regionHi = region + 1 < bounds.length ? bounds[region + 1]! : n;
    }
    const i = code[pc]!;
    const op = i & 0x3f;
    const a = (i >>> 6) & 0xff;
    const b = i >>> 23;
    const c = (i >>> 14) & 0x1ff;
    const bx = i >>> 14;
    const sbx = bx - MAXARG_SBX;
    const n1 = pc + 1;
    if (leader[pc] === 1) emit(`case ${pc}:`);
    let next = n1;
    switch (op) {
      case Op.MOVE:
        emit(`${R(a)} = ${R(b)};`);
        break;
      case Op.LOADK:
        emit(`${R(a)} = ${constExpr(p, bx)};`);
        break;
      case Op.LOADBOOL:
        emit(`${R(a)} = ${b !== 0};`);
        if (c !== 0) emit(goto(pc + 2));
        break;
      case Op.LOADNIL:
        for (let r = a; r <= b; r++) emit(`${R(r)} = undefined;`);
        break;
      case Op.GETUPVAL:
        emit(`{ const uv = upvals[${b}]; const s = uv.stack; ${R(a)} = s === undefined ? uv.value : s[uv.index]; }`);
        break;
      case Op.GETGLOBAL: {
        if (typeof p.k[bx] !== 'string') return null;
        const key = constExpr(p, bx);
        emit(`{ const env = cl.env; const v = env.getStr(${key});
          if (v !== undefined || env.metatable === undefined) ${R(a)} = v; else if (jitIndex(L, f, env, ${key}, -1, base + ${a}, ${n1})) ${hookExit} }`);
        break;
      }
      case Op.GETTABLE:
      case Op.SELF: {
        if (op === Op.SELF && n > INLINE_CALLS_MAX_CODE) {
          // Long functions take a method out of line too (see CALL).
          emit(`if (jitSelf(L, f, ${R(b)}, ${RK(c)}, ${b}, base + ${a}, ${n1})) ${hookExit}`);
          break;
        }
        const isStr = c >= 256 && typeof p.k[c - 256] === 'string';
        const key = isStr ? RK(c) : 'key';
        const get = isStr ? `t.getStr(${key})` : `(typeof key === 'string' ? t.getStr(key) : t.get(key))`;
        emit(`{ const t = ${R(b)};${op === Op.SELF ? ` ${R(a + 1)} = t;` : ''}${isStr ? '' : ` const key = ${RK(c)};`} let v;
          if (t instanceof LuaTable && ((v = ${get}) !== undefined || t.metatable === undefined)) ${R(a)} = v;
          else if (jitIndex(L, f, t, ${key}, ${b}, base + ${a}, ${n1})) ${hookExit} }`);
        break;
      }
      case Op.SETGLOBAL: {
        if (typeof p.k[bx] !== 'string') return null;
        const key = constExpr(p, bx);
        emit(`{ const env = cl.env;
          if (env.metatable === undefined) env.setStr(${key}, ${R(a)}); else if (jitSetIndex(L, f, env, ${key}, ${R(a)}, -1, ${n1})) ${hookExit} }`);
        break;
      }
      case Op.SETUPVAL:
        emit(`{ const uv = upvals[${b}]; const s = uv.stack; if (s === undefined) uv.value = ${R(a)}; else s[uv.index] = ${R(a)}; }`);
        break;
      case Op.SETTABLE: {
        // luaV_settable: a raw set unless there is a __newindex to consult.
        const keyStr = b >= 256 && typeof p.k[b - 256] === 'string';
        let raw: string;
        if (keyStr) raw = `t.setStr(key, v)`;
        else {
          raw = `typeof key === 'number' && (ai = key - 1) >= 0 && ai < (arr = t.arr).length && (ai | 0) === ai ? (arr[ai] = v, true)
            : typeof key === 'string' ? (t.setStr(key, v), true) : typeof key === 'number' && key === key ? (t.set(key, v), true) : false`;
        }
        emit(`{ const t = ${R(a)}; const key = ${RK(b)}; const v = ${RK(c)}; let mt${keyStr ? '' : ', ai, arr'};
          if (!(t instanceof LuaTable && ((mt = t.metatable) === undefined || mt.getStr('__newindex') === undefined) && ${keyStr ? `(${raw}, true)` : `(${raw})`})
            && jitSetIndex(L, f, t, key, v, ${a}, ${n1})) ${hookExit} }`);
        break;
      }
      case Op.NEWTABLE:
        emit(`${R(a)} = new LuaTable(${fb2int(b)}, ${fb2int(c)});`);
        break;
      case Op.ADD: case Op.SUB: case Op.MUL: case Op.DIV: case Op.MOD: case Op.POW: {
        const checks: string[] = [];
        if (!isNumberConst(p, b)) checks.push(`typeof x === 'number'`);
        if (!isNumberConst(p, c)) checks.push(`typeof y === 'number'`);
        let fast: string;
        if (op === Op.MOD) fast = `${R(a)} = x - Math.floor(x / y) * y;`;
        else if (op === Op.POW) fast = `${R(a)} = cPow(x, y);`;
        else fast = `const r = x ${arithSyms[op as Op]} y; ${R(a)} = r === r ? r : nanOperand(x, y, r);`;
        const slow = `if (jitArith(L, f, ${arithOps[op as Op]}, x, y, ${b >= 256 ? -1 : b}, ${c >= 256 ? -1 : c}, base + ${a}, ${n1})) ${hookExit}`;
        emit(`{ const x = ${RK(b)}; const y = ${RK(c)};
          ${checks.length === 0 ? `{ ${fast} }` : `if (${checks.join(' && ')}) { ${fast} } else ${slow}`} }`);
        break;
      }
      case Op.UNM:
        emit(`{ const x = ${R(b)}; if (typeof x === 'number') ${R(a)} = -x; else if (jitArith(L, f, ${Arith.UNM}, x, x, ${b}, ${b}, base + ${a}, ${n1})) ${hookExit} }`);
        break;
      case Op.NOT:
        emit(`{ const x = ${R(b)}; ${R(a)} = x === undefined || x === false; }`);
        break;
      case Op.LEN:
        emit(`{ const x = ${R(b)}; if (x instanceof LuaTable) ${R(a)} = x.length(); else if (typeof x === 'string') ${R(a)} = x.length;
          else if (jitLen(L, f, x, ${b}, base + ${a}, ${n1})) ${hookExit} }`);
        break;
      case Op.CONCAT:
        if (c === b + 1) {
          emit(`{ const x = ${R(b)}; const y = ${R(c)}; if (typeof x === 'string' && typeof y === 'string') ${R(a)} = x + y;
            else if (jitConcat(L, f, base + ${b}, base + ${c}, base + ${a}, ${n1})) ${hookExit} }`);
        } else emit(`if (jitConcat(L, f, base + ${b}, base + ${c}, base + ${a}, ${n1})) ${hookExit}`);
        break;
      case Op.JMP:
        emit(jumpTo(n1 + sbx, pc));
        break;
      case Op.EQ: case Op.LT: case Op.LE: case Op.TEST: case Op.TESTSET: {
        let head: string;
        let cond: string;
        if (op === Op.TEST || op === Op.TESTSET) {
          head = `const x = ${R(op === Op.TEST ? a : b)};`;
          cond = `(x === undefined || x === false) !== ${c !== 0}`;
        } else {
          // A hook set by a comparison metamethod: the interpreter goes on
          // with the JMP (taken) or after it.
          const hook = `if (L.hookMask !== 0) { f.savedpc = res === ${a !== 0} ? ${n1} : ${pc + 2}; return ${J_INTERP}; }`;
          const kind = op === Op.EQ ? 0 : op === Op.LT ? 1 : 2;
          let fast: string;
          if (op === Op.EQ) fast = `let res = x === y; if (!res && typeof x === 'object' && typeof y === 'object') { res = jitCompare(L, f, 0, x, y, ${n1}); ${hook} }`;
          else {
            const both = [isNumberConst(p, b) ? '' : `typeof x === 'number'`, isNumberConst(p, c) ? '' : `typeof y === 'number'`].filter((x) => x !== '');
            const sym = op === Op.LT ? '<' : '<=';
            fast = both.length === 0 ? `const res = x ${sym} y;`
              : `let res; if (${both.join(' && ')}) res = x ${sym} y; else { res = jitCompare(L, f, ${kind}, x, y, ${n1}); ${hook} }`;
          }
          head = `const x = ${RK(b)}; const y = ${RK(c)}; ${fast}`;
          cond = `res === ${a !== 0}`;
        }
        const jmp = code[n1]!;
        const t = n1 + 1 + (jmp >>> 14) - MAXARG_SBX;
        const set = op === Op.TESTSET ? `${R(a)} = x; ` : '';
        if (leader[n1] === 1) {
          // The JMP is also reached from elsewhere: fall into its own code.
          emit(`{ ${head} if (!(${cond})) { ${goto(pc + 2)} } ${set}}`);
        } else {
          emit(`{ ${head} if (${cond}) { ${set}${jumpTo(t, n1)} } }`);
          next = pc + 2;
        }
        break;
      }
      case Op.CALL:
        // Long functions (main chunks) call out of line: their size is
        // what delays V8's compile of them.
        if (n > INLINE_CALLS_MAX_CODE) {
          emit(`if ((r = jitCall(L, f, base + ${a}, ${b}, ${c - 1}, ${n1}, depth)) >= 0) return r;`);
          break;
        }
        // A translated callee runs by a direct JS call; the rest out of line.
        emit(`{ const ra = base + ${a};${b !== 0 ? ` L.top = ra + ${b};` : ''} f.savedpc = ${n1}; const fn = stack[ra]; let np, jf;
          if (fn instanceof LuaClosure && (np = fn.proto).isVararg === 0 && L.ci + 1 < L.ciLimit) {
            const nf = pushLuaFrame(L, ra, fn, np, ${c - 1});
            if (--g.budget > 0 && depth < ${MAX_JS_DEPTH} && L.nCcalls <= ${MAX_JS_CCALLS} && typeof (jf = np.jit) === 'function') {
              r = jf(L, nf, 0, depth + 1); if (r === ${J_RETURN_FIXED}) L.top = f.top; else if (r !== ${J_RETURN_MULTI}) return r;
            } else if ((r = jitCallCold(L, f, nf, np, depth)) >= 0) return r;
          } else if ((r = jitCallOther(L, f, ra, ${c - 1})) >= 0) return r; }`);
        break;
      case Op.TAILCALL:
        emit(`if ((r = jitTailcall(L, f, base + ${a}, ${b}, ${n1})) >= 0) return r;`);
        break;
      case Op.RETURN:
        if (b === 1 || b === 2) {
          // No or one result to a caller that wants none or one: inline.
          emit(`if (L.openUpval === undefined) { const w = f.nresults;
            if (w === 0) { L.ci--; L.top = f.func; return ${J_RETURN_FIXED}; }
            if (w === 1) { stack[f.func] = ${b === 2 ? R(a) : 'undefined'}; L.ci--; L.top = f.func + 1; return ${J_RETURN_FIXED}; } }`);
        }
        emit(`return jitReturn(L, f, base + ${a}, ${b !== 0 ? String(b - 1) : `L.top - base - ${a}`});`);
        break;
      case Op.FORLOOP: {
        const t = n1 + sbx;
        emit(`{ const step = stack[base + ${a + 2}]; const i0 = stack[base + ${a}]; const limit = stack[base + ${a + 1}];
          if (typeof i0 !== 'number' || typeof limit !== 'number' || typeof step !== 'number') { f.savedpc = ${n1}; forCorrupted(L, i0, limit); }
          const idx = i0 + step;
          if (step > 0 ? idx <= limit : limit <= idx) { stack[base + ${a}] = idx; stack[base + ${a + 3}] = idx; ${backJump(t)} ${goto(t)} } }`);
        break;
      }
      case Op.FORPREP:
        emit(`jitForprep(L, f, base + ${a}, ${n1}); ${goto(n1 + sbx)}`);
        break;
      case Op.TFORLOOP: {
        const jmp = code[n1]!;
        const t = n1 + 1 + (jmp >>> 14) - MAXARG_SBX;
        emit(`{ const more = jitTfor(L, f, base + ${a}, ${c}, ${n1});
          if (L.hookMask !== 0) { f.savedpc = more ? ${n1} : ${pc + 2}; return ${J_INTERP}; }`);
        if (leader[n1] === 1) emit(`if (!more) { ${goto(pc + 2)} } }`);
        else {
          emit(`if (more) { ${jumpTo(t, n1)} } }`);
          next = pc + 2;
        }
        break;
      }
      case Op.SETLIST: {
        let block = c;
        if (block === 0) { block = code[n1]!; next = pc + 2; }
        emit(`jitSetlist(L, f, base + ${a}, ${b}, ${block});`);
        break;
      }
      case Op.CLOSE:
        emit(`closeUpvals(L, base + ${a});`);
        break;
      case Op.CLOSURE: {
        const np = p.p[bx]!;
        const nup = np.numUpvalues;
        const uvs: string[] = [];
        for (let j = 0; j < nup; j++) {
          const ins = code[n1 + j]!;
          uvs.push((ins & 0x3f) === Op.GETUPVAL ? `upvals[${ins >>> 23}]` : `findUpval(L, base + ${ins >>> 23})`);
        }
        emit(`${R(a)} = new LuaClosure(P[${bx}], cl.env, [${uvs.join(', ')}]);`);
        next = n1 + nup;
        break;
      }
      case Op.VARARG:
        emit(`jitVararg(L, f, base + ${a}, ${b - 1}, ${p.numParams});`);
        break;
      default:
        return null;
    }
    pc = next;
  }
  // Falling off the end cannot happen in valid code (it ends in RETURN);
  // the interpreter reports whatever would.
  emit(`f.savedpc = ${n}; return ${J_INTERP};`);
  regions.push(out.splice(0).join('\n'));
  const name = 'lua_' + (p.lineDefined | 0);
  const fn = (fname: string, body: string): string => `function ${fname}(L, f, pc, depth) {
  const stack = L.stack; const g = L.g; const cl = f.closure; const upvals = cl.upvals; const base = f.base; let r;
  for (;;) {
    switch (pc) {
${body}
    default:
      f.savedpc = pc; return ${J_INTERP};
    }
  }
}`;
  if (regions.length === 1) return fn(name, regions[0]!);
  // The wrapper: runs the region holding pc until one returns something else than J_GOTO.
  const parts = regions.map((body, j) => `const ${name}_${j} = ${fn(`${name}_${j}`, body)};`);
  let pick = `${name}_${regions.length - 1}`;
  for (let j = regions.length - 2; j >= 0; j--) pick = `pc < ${bounds[j + 1]} ? ${name}_${j} : ${pick}`;
  return `(() => { ${parts.join('\n')}
  return function ${name}(L, f, pc, depth) {
    for (;;) {
      const r = (${pick})(L, f, pc, depth);
      if (r !== ${J_GOTO}) return r;
      pc = f.savedpc;
    }
  };
})()`;
}
