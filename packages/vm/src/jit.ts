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
import { LuaTable } from './table.js';
import { LuaClosure, LuaHostFunction } from './value.js';
import { baseNext, ipairsAux } from './lib/base.js';
import type { LuaState, CallFrame } from './state.js';
import { CallFrame as CallFrameClass, MULTRET, MAX_C_CALLS } from './state.js';
import {
  precall, call, closeUpvals, findUpval, ensureStack, budgetExhausted,
  PRECALL_LUA, PRECALL_YIELD, MIN_STACK,
} from './call.js';
import { Arith, arith, concat, equals, index, indexMiss, len, lessEqual, lessThan, setIndex, checkKey } from './ops.js';
import { runtimeError } from './messages.js';
import { stringToNumber } from './number.js';
import { hookCall } from './hooks.js';
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

/** Protos longer than this stay interpreted (V8 does not optimise huge functions). */
const MAX_JIT_CODE = 4000;

/** Whether `new Function` is available (false under a strict CSP). */
let canCompile = true;

/** luaO_fb2int, as interp.ts. */
function fb2int(x: number): number {
  const e = (x >>> 3) & 31;
  return e === 0 ? x : Math.min(((x & 7) + 8) * Math.pow(2, e - 1), 1 << 26);
}

/** See interp.ts nanOperand. */
function nanOperand(x: number, y: number, r: number): number {
  if (x !== x) return x;
  if (y !== y) return y;
  return r;
}

function forNumber(v: LuaValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return stringToNumber(v);
  return undefined;
}

/** As interp.ts pause. */
function pause(L: LuaState): number {
  const g = L.g;
  g.pauseRequested = false;
  g.budget = g.budgetInterval;
  L.paused = true;
  L.transferCount = 0;
  return J_YIELD;
}

function forError(L: LuaState, what: string): never {
  throw runtimeError(L, `'for' ${what} must be a number`);
}

/**
 * What generated code reaches through its closure (built on first use:
 * the modules it names import this one).
 */
function runtime() {
  return {
    LuaTable, LuaClosure, CallFrame: CallFrameClass, MULTRET,
    precall, call, closeUpvals, findUpval, ensureStack, budgetExhausted,
    PRECALL_LUA, PRECALL_YIELD, MIN_STACK, hookCall,
    arith, concat, equals, index, indexMiss, len, lessEqual, lessThan, setIndex, checkKey,
    cPow, nanOperand, forNumber, forError, pause, fb2int, jitProto, LuaHostFunction, ipairsAux, baseNext,
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
  if (canCompile && p.code.length <= MAX_JIT_CODE) {
    const src = translate(p);
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
      case Op.JMP: case Op.FORLOOP: case Op.FORPREP:
        if (!target(pc + 1 + (i >>> 14) - MAXARG_SBX)) return null;
        leader[next] = 1;
        break;
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

  const out: string[] = [];
  const emit = (s: string): void => { out.push(s); };
  const R = (r: number): string => `stack[base + ${r}]`;
  const RK = (x: number): string => (x >= 256 ? constExpr(p, x - 256) : R(x));
  /** After code that may have run Lua code or host functions: a hook now set means the interpreter takes over. */
  const hookExit = (resume: number): string => `if (L.hookMask !== 0) { f.savedpc = ${resume}; return ${J_INTERP}; }`;
  /** Budget charge of a backward jump to `t` (f.savedpc = t on pause). */
  const backJump = (t: number): string =>
    `if (--g.budget <= 0) { f.savedpc = ${t}; if (budgetExhausted(L) && L.nCcalls === L.baseCcalls && L !== g.mainThread) return pause(L); ${hookExit(t)} }`;
  const jumpTo = (t: number, from: number): string => (t <= from ? `${backJump(t)} pc = ${t}; continue;` : `pc = ${t}; continue;`);

  for (let pc = 0; pc < n;) {
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
        if (c !== 0) emit(`pc = ${pc + 2}; continue;`);
        break;
      case Op.LOADNIL:
        for (let r = a; r <= b; r++) emit(`${R(r)} = undefined;`);
        break;
      case Op.GETUPVAL:
        emit(`{ const uv = upvals[${b}]; const s = uv.stack; ${R(a)} = s === undefined ? uv.value : s[uv.index]; }`);
        break;
      case Op.GETGLOBAL:
        if (typeof p.k[bx] !== 'string') return null;
        emit(`{ const env = cl.env; let v = env.getStr(${constExpr(p, bx)});
          if (v === undefined && env.metatable !== undefined) { f.savedpc = ${n1}; v = index(L, env, ${constExpr(p, bx)}); ${R(a)} = v; ${hookExit(n1)} }
          else ${R(a)} = v; }`);
        break;
      case Op.GETTABLE:
      case Op.SELF: {
        const key = RK(c);
        const isStr = c >= 256 && typeof p.k[c - 256] === 'string';
        const get = isStr ? `t.getStr(${key})` : `(typeof key === 'string' ? t.getStr(key) : t.get(key))`;
        const getSi = isStr ? `si.getStr(${key})` : `(typeof key === 'string' ? si.getStr(key) : si.get(key))`;
        const ra = op === Op.SELF ? `stack[base + ${a}]` : R(a);
        // SELF on a string (s:sub(...)): the string metatable's __index
        // table read directly, as index() would.
        emit(`{ const t = ${R(b)};${op === Op.SELF ? ` stack[base + ${a + 1}] = t;` : ''} ${isStr ? '' : `const key = ${key};`}
          let v${op === Op.SELF ? ', sm, si' : ''}; if (t instanceof LuaTable) {
            if ((v = ${get}) !== undefined || t.metatable === undefined) ${ra} = v;
            else { f.savedpc = ${n1}; v = indexMiss(L, t, ${isStr ? key : 'key'}); ${ra} = v; ${hookExit(n1)} }
          }${op === Op.SELF ? ` else if (typeof t === 'string' && (sm = g.stringMetatable) !== undefined && (si = sm.getStr('__index')) instanceof LuaTable
              && ((v = ${getSi}) !== undefined || si.metatable === undefined)) ${ra} = v;` : ''}
          else { f.savedpc = ${n1}; v = index(L, t, ${isStr ? key : 'key'}, ${b}); ${ra} = v; ${hookExit(n1)} } }`);
        break;
      }
      case Op.SETGLOBAL:
        if (typeof p.k[bx] !== 'string') return null;
        emit(`{ const env = cl.env; const v = ${R(a)};
          if (env.metatable === undefined) env.setStr(${constExpr(p, bx)}, v);
          else { f.savedpc = ${n1}; setIndex(L, env, ${constExpr(p, bx)}, v); ${hookExit(n1)} } }`);
        break;
      case Op.SETUPVAL:
        emit(`{ const uv = upvals[${b}]; const v = ${R(a)}; const s = uv.stack; if (s === undefined) uv.value = v; else s[uv.index] = v; }`);
        break;
      case Op.SETTABLE: {
        const keyStr = b >= 256 && typeof p.k[b - 256] === 'string';
        const keyNum = isNumberConst(p, b) && p.k[b - 256] === p.k[b - 256];
        let raw: string;
        if (keyStr) raw = `t.setStr(key, v);`;
        else if (keyNum) raw = `t.set(key, v);`;
        else {
          raw = `if (typeof key === 'number') {
              const ai = key - 1; const arr = t.arr;
              if (ai >= 0 && ai < arr.length && (ai | 0) === ai) arr[ai] = v;
              else if (key === key) t.set(key, v); else { f.savedpc = ${n1}; checkKey(L, key); }
            } else if (typeof key === 'string') t.setStr(key, v); else { f.savedpc = ${n1}; checkKey(L, key); t.set(key, v); }`;
        }
        emit(`{ const t = ${R(a)}; const key = ${RK(b)}; const v = ${RK(c)}; let mt;
          if (t instanceof LuaTable && ((mt = t.metatable) === undefined || mt.getStr('__newindex') === undefined)) { ${raw} }
          else { f.savedpc = ${n1}; setIndex(L, t, key, v, ${a}); ${hookExit(n1)} } }`);
        break;
      }
      case Op.NEWTABLE:
        emit(`${R(a)} = new LuaTable(${fb2int(b)}, ${fb2int(c)});`);
        break;
      case Op.ADD: case Op.SUB: case Op.MUL: case Op.DIV: case Op.MOD: case Op.POW: {
        const ev = { [Op.ADD]: Arith.ADD, [Op.SUB]: Arith.SUB, [Op.MUL]: Arith.MUL, [Op.DIV]: Arith.DIV, [Op.MOD]: Arith.MOD, [Op.POW]: Arith.POW }[op];
        const sym = { [Op.ADD]: '+', [Op.SUB]: '-', [Op.MUL]: '*', [Op.DIV]: '/' }[op as Op.ADD];
        const checks: string[] = [];
        if (!isNumberConst(p, b)) checks.push(`typeof x === 'number'`);
        if (!isNumberConst(p, c)) checks.push(`typeof y === 'number'`);
        const cond = checks.length === 0 ? 'true' : checks.join(' && ');
        let fast: string;
        if (op === Op.MOD) fast = `${R(a)} = x - Math.floor(x / y) * y;`;
        else if (op === Op.POW) fast = `${R(a)} = cPow(x, y);`;
        else fast = `const r = x ${sym} y; ${R(a)} = r === r ? r : nanOperand(x, y, r);`;
        emit(`{ const x = ${RK(b)}; const y = ${RK(c)};
          if (${cond}) { ${fast} }
          else { f.savedpc = ${n1}; ${R(a)} = arith(L, ${ev}, x, y, ${b >= 256 ? -1 : b}, ${c >= 256 ? -1 : c}); ${hookExit(n1)} } }`);
        break;
      }
      case Op.UNM:
        emit(`{ const x = ${R(b)}; if (typeof x === 'number') ${R(a)} = -x;
          else { f.savedpc = ${n1}; ${R(a)} = arith(L, ${Arith.UNM}, x, x, ${b}, ${b}); ${hookExit(n1)} } }`);
        break;
      case Op.NOT:
        emit(`{ const x = ${R(b)}; ${R(a)} = x === undefined || x === false; }`);
        break;
      case Op.LEN:
        emit(`{ const x = ${R(b)}; if (x instanceof LuaTable) ${R(a)} = x.length(); else if (typeof x === 'string') ${R(a)} = x.length;
          else { f.savedpc = ${n1}; ${R(a)} = len(L, x, ${b}); ${hookExit(n1)} } }`);
        break;
      case Op.CONCAT:
        emit(`{ const x = ${R(b)}; const y = ${R(c)};
          if (${c === b + 1 ? 'true' : 'false'} && typeof x === 'string' && typeof y === 'string') ${R(a)} = x + y;
          else { f.savedpc = ${n1}; concat(L, base + ${b}, base + ${c}, base); ${R(a)} = ${R(b)}; ${hookExit(n1)} } }`);
        break;
      case Op.JMP:
        emit(jumpTo(n1 + sbx, pc));
        break;
      case Op.EQ: case Op.LT: case Op.LE: case Op.TEST: case Op.TESTSET: {
        // A hook set by a comparison metamethod: the interpreter goes on
        // with the JMP (taken) or after it.
        const testHookExit = (cmpA: number): string =>
          `if (L.hookMask !== 0) { f.savedpc = res === ${cmpA !== 0} ? ${n1} : ${pc + 2}; return ${J_INTERP}; }`;
        let res: string;
        if (op === Op.EQ) {
          res = `let res = x === y; if (!res && typeof x === 'object' && typeof y === 'object') { f.savedpc = ${n1}; res = equals(L, x, y); ${testHookExit(a)} }`;
        } else if (op === Op.LT || op === Op.LE) {
          const sym = op === Op.LT ? '<' : '<=';
          const fn = op === Op.LT ? 'lessThan' : 'lessEqual';
          const both = [isNumberConst(p, b) ? '' : `typeof x === 'number'`, isNumberConst(p, c) ? '' : `typeof y === 'number'`].filter((s) => s !== '');
          res = `let res; if (${both.length === 0 ? 'true' : both.join(' && ')}) res = x ${sym} y; else { f.savedpc = ${n1}; res = ${fn}(L, x, y); ${testHookExit(a)} }`;
        } else res = '';
        let head: string;
        let cond: string;
        if (op === Op.TEST) {
          head = `const x = ${R(a)};`;
          cond = `(x === undefined || x === false) !== ${c !== 0}`;
        } else if (op === Op.TESTSET) {
          head = `const x = ${R(b)};`;
          cond = `(x === undefined || x === false) !== ${c !== 0}`;
        } else {
          head = `const x = ${RK(b)}; const y = ${RK(c)}; ${res}`;
          cond = `res === ${a !== 0}`;
        }
        const jmp = code[n1]!;
        const t = n1 + 1 + (jmp >>> 14) - MAXARG_SBX;
        const set = op === Op.TESTSET ? `${R(a)} = x; ` : '';
        if (leader[n1] === 1) {
          // The JMP is also reached from elsewhere: fall into its own code.
          emit(`{ ${head} if (!(${cond})) { pc = ${pc + 2}; continue; } ${set}}`);
        } else {
          emit(`{ ${head} if (${cond}) { ${set}${jumpTo(t, n1)} } }`);
          next = pc + 2;
        }
        break;
      }
      case Op.CALL: {
        const nresults = c - 1;
        emit(`{ const ra = base + ${a}; ${b !== 0 ? `L.top = ra + ${b};` : ''} f.savedpc = ${n1};
          const fn = stack[ra];
          if (fn instanceof LuaClosure && fn.proto.isVararg === 0 && L.ci + 1 < L.ciLimit) {
            const np = fn.proto; const nbase = ra + 1; const ntop = nbase + np.maxStackSize;
            if (stack.length < ntop + MIN_STACK) ensureStack(L, ntop + MIN_STACK);
            let j = L.top; if (j > nbase + np.numParams) j = nbase + np.numParams;
            for (; j < ntop; j++) stack[j] = undefined;
            const frames = L.frames; const ci = L.ci + 1;
            let nf = frames[ci]; if (nf === undefined) { nf = new CallFrame(); frames.push(nf); }
            nf.func = ra; nf.base = nbase; nf.top = ntop; nf.savedpc = 0; nf.nresults = ${nresults}; nf.tailcalls = 0;
            nf.closure = fn; nf.host = undefined;
            L.ci = ci; L.top = ntop;
            if (--g.budget <= 0) {
              if (budgetExhausted(L) && L.nCcalls === L.baseCcalls && L !== g.mainThread) return pause(L);
              if (L.hookMask !== 0) { hookCall(L); return ${J_CALL}; }
            }
            if (depth >= ${MAX_JS_DEPTH} || L.nCcalls > ${MAX_JS_CCALLS}) return ${J_CALL};
            let jf = np.jit;
            if (jf === undefined) { if (--np.hot > 0) return ${J_CALL}; jf = jitProto(np); }
            if (jf === null) return ${J_CALL};
            const r = jf(L, nf, 0, depth + 1);
            if (r === ${J_RETURN_FIXED}) L.top = f.top; else if (r !== ${J_RETURN_MULTI}) return r;
          } else {
          const r = precall(L, ra, ${nresults});
          if (r === PRECALL_LUA) return ${J_CALL};
          if (r === PRECALL_YIELD) return ${J_YIELD};
          ${nresults >= 0 ? 'L.top = f.top;' : ''}
          ${hookExit(n1)} } }`);
        break;
      }
      case Op.TAILCALL:
        emit(`{ const ra = base + ${a}; ${b !== 0 ? `L.top = ra + ${b};` : ''} f.savedpc = ${n1};
          const r = precall(L, ra, -1);
          if (r === PRECALL_LUA) {
            const nf = L.frames[L.ci]; const func = f.func; const pfunc = nf.func;
            if (L.openUpval !== undefined) closeUpvals(L, f.base);
            const nbase = func + (nf.base - pfunc);
            let aux = 0; for (; pfunc + aux < L.top; aux++) stack[func + aux] = stack[pfunc + aux];
            f.base = nbase; f.top = func + aux; L.top = f.top; L.base = nbase; f.savedpc = 0;
            f.closure = nf.closure; f.tailcalls++; L.ci--;
            return ${J_CALL};
          }
          if (r === PRECALL_YIELD) return ${J_YIELD};
          ${hookExit(n1)} }`);
        break;
      case Op.RETURN:
        // L.base is left to the loop (interp.ts sets it when it returns to
        // a host caller): Lua frames never read it.
        emit(`{ const ra = base + ${a}; const n = ${b !== 0 ? String(b - 1) : 'L.top - ra'};
          if (L.openUpval !== undefined) closeUpvals(L, base);
          const wanted = f.nresults; let res = f.func;
          ${b === 2 ? `if (wanted === 1) { stack[res] = stack[ra]; L.ci--; L.top = res + 1; return ${J_RETURN_FIXED}; }` : ''}
          if (wanted === MULTRET) { for (let j = 0; j < n; j++) stack[res++] = stack[ra + j]; }
          else { let j = 0; for (; j < wanted && j < n; j++) stack[res++] = stack[ra + j]; for (; j < wanted; j++) stack[res++] = undefined; }
          L.ci--; L.top = res;
          return wanted === MULTRET ? ${J_RETURN_MULTI} : ${J_RETURN_FIXED}; }`);
        break;
      case Op.FORLOOP: {
        const t = n1 + sbx;
        emit(`{ const step = stack[base + ${a + 2}]; const idx = stack[base + ${a}] + step; const limit = stack[base + ${a + 1}];
          if (step > 0 ? idx <= limit : limit <= idx) { stack[base + ${a}] = idx; stack[base + ${a + 3}] = idx; ${backJump(t)} pc = ${t}; continue; } }`);
        break;
      }
      case Op.FORPREP:
        emit(`{ f.savedpc = ${n1};
          const init = forNumber(stack[base + ${a}]); if (init === undefined) forError(L, 'initial value');
          const limit = forNumber(stack[base + ${a + 1}]); if (limit === undefined) forError(L, 'limit');
          const step = forNumber(stack[base + ${a + 2}]); if (step === undefined) forError(L, 'step');
          stack[base + ${a + 1}] = limit; stack[base + ${a + 2}] = step; stack[base + ${a}] = init - step;
          pc = ${n1 + sbx}; continue; }`);
        break;
      case Op.TFORLOOP: {
        const jmp = code[n1]!;
        const t = n1 + 1 + (jmp >>> 14) - MAXARG_SBX;
        const cb = a + 3;
        // next and ipairs' iterator run inline when the call would just
        // return their results: the same budget charge, neither the call
        // depth nor the C-stack limit reached, a table; anything else (an invalid key's error included)
        // goes through the call.
        const put = (vals: string[]): string => {
          const out2: string[] = [];
          for (let j = 0; j < c; j++) out2.push(`stack[base + ${cb + j}] = ${vals[j] ?? 'undefined'};`);
          return out2.join(' ');
        };
        emit(`{ let done = false; const it = stack[base + ${a}];
          if (it instanceof LuaHostFunction && g.budget > 1 && L.nCcalls + 1 < ${MAX_C_CALLS} && L.ci + 1 < L.ciLimit) {
            const t = stack[base + ${a + 1}]; const ctl = stack[base + ${a + 2}];
            if (t instanceof LuaTable) {
              if (it.fn === ipairsAux) {
                if (typeof ctl === 'number' && (ctl | 0) === ctl) {
                  g.budget--; done = true;
                  const v = t.getInt(ctl + 1);
                  if (v !== undefined) { ${put(['ctl + 1', 'v'])} } else { ${put([])} }
                }
              } else if (it.fn === baseNext) {
                let found; try { found = t.next(ctl); } catch (e) { found = undefined; }
                if (found !== undefined) {
                  g.budget--; done = true;
                  if (found) { ${put(['t.nextKey', 't.nextValue'])} } else { ${put([])} }
                }
              }
            }
          }
          if (!done) { stack[base + ${cb + 2}] = stack[base + ${a + 2}]; stack[base + ${cb + 1}] = stack[base + ${a + 1}]; stack[base + ${cb}] = stack[base + ${a}];
          L.top = base + ${cb + 3}; f.savedpc = ${n1}; call(L, base + ${cb}, ${c}); L.top = f.top; }
          const v = stack[base + ${cb}];
          if (v !== undefined) stack[base + ${cb - 1}] = v;
          if (L.hookMask !== 0) { f.savedpc = v !== undefined ? ${n1} : ${pc + 2}; return ${J_INTERP}; }
          if (v !== undefined) { ${leader[n1] === 1 ? '' : jumpTo(t, n1)} }
          ${leader[n1] === 1 ? `else { pc = ${pc + 2}; continue; }` : ''} }`);
        if (leader[n1] !== 1) next = pc + 2;
        break;
      }
      case Op.SETLIST: {
        let cc = c;
        if (cc === 0) { cc = code[n1]!; next = pc + 2; }
        const nfix = b;
        emit(`{ const ra = base + ${a}; let n = ${nfix === 0 ? 'L.top - ra - 1' : String(nfix)}; ${nfix === 0 ? 'L.top = f.top;' : ''}
          const h = stack[ra]; let last = ${(cc - 1) * LFIELDS_PER_FLUSH} + n;
          if (last > h.arr.length) h.resize(last, h.hashCap);
          for (; n > 0; n--) h.setInt(last--, stack[ra + n]); }`);
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
        emit(`{ const ra = base + ${a}; let b = ${b - 1}; const n = base - f.func - ${p.numParams} - 1;
          if (b < 0) { b = n; ensureStack(L, ra + n + MIN_STACK); L.top = ra + n; }
          for (let j = 0; j < b; j++) stack[ra + j] = j < n ? stack[base - n + j] : undefined; }`);
        break;
      default:
        return null;
    }
    pc = next;
  }
  // Falling off the end cannot happen in valid code (it ends in RETURN);
  // the interpreter reports whatever would.
  emit(`f.savedpc = ${n}; return ${J_INTERP};`);
  const name = 'lua_' + (p.lineDefined | 0);
  return `function ${name}(L, f, pc, depth) {
  const stack = L.stack; const g = L.g; const cl = f.closure; const upvals = cl.upvals; const base = f.base;
  for (;;) {
    switch (pc) {
${out.join('\n')}
    default:
      f.savedpc = pc; return ${J_INTERP};
    }
  }
}`;
}
