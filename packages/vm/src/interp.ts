// The dispatch loop (lvm.c's luaV_execute): one function, one switch, hot
// state in locals. Lua->Lua calls and returns switch frames inside the loop
// (no JS recursion); the loop returns when the frame it was entered for
// (entryCi) returns, or when a host function yields (coroutines).
// Invariants: `stack` is L.stack (never replaced); `f` is L.frames[L.ci];
// before anything that can raise or call out (metamethods, host
// functions) f.savedpc = pc, so errors and tracebacks see the right line.

import { Op, MAXARG_SBX, LFIELDS_PER_FLUSH } from './opcodes.js';
import { LuaTable } from './table.js';
import type { LuaValue, UpVal } from './value.js';
import { LuaClosure } from './value.js';
import type { LuaState } from './state.js';
import { CallFrame, MULTRET, type GlobalState } from './state.js';
import type { Proto, Constant } from './proto.js';
import {
  precall, call, closeUpvals, findUpval, ensureStack, budgetExhausted, pushLuaFrame, popLuaFrame, replaceWithTailcall,
  PRECALL_LUA, PRECALL_YIELD, MIN_STACK,
} from './call.js';
import { Arith, arith, concat, equals, index, len, lessEqual, lessThan, setIndex, checkKey } from './ops.js';
import { runtimeError } from './messages.js';
import { traceExec, hookCall } from './hooks.js';
import { stringToNumber } from './number.js';
import { cPow } from './cmath.js';
import { jitProto, J_YIELD, J_INTERP, J_RETURN_FIXED } from './jit.js';

/** luaO_fb2int: NEWTABLE's "floating point byte" sizes (capped: a size hint only). */
export function fb2int(x: number): number {
  const e = (x >>> 3) & 31;
  return e === 0 ? x : Math.min(((x & 7) + 8) * Math.pow(2, e - 1), 1 << 26);
}

/**
 * x86-64 returns the first NaN operand of an arithmetic instruction; V8 may
 * swap the operands of + and *, so the NaN (and its sign) is chosen here:
 * lua5.1: n = 0/0; p = -n; print(n + p, p + n) prints "-nan nan".
 */
export function nanOperand(x: number, y: number, r: number): number {
  if (x !== x) return x;
  if (y !== y) return y;
  return r;
}

/**
 * Leaves the dispatch loop at a safe point on the budget hook's request
 * (see GlobalState.setBudgetHook): the thread is suspended as if it had
 * yielded nothing, with `paused` set; resuming continues at f.savedpc.
 */
export function pause(L: LuaState, g: GlobalState): void {
  g.pauseRequested = false;
  g.budget = g.budgetInterval;
  L.paused = true;
  L.transferCount = 0;
}

/**
 * FORLOOP found a control variable that is not a number: only
 * debug.setlocal can put one there (5.1 then computes with garbage); Valua
 * raises FORPREP's error for it instead.
 */
export function forCorrupted(L: LuaState, init: LuaValue, limit: LuaValue): never {
  const what = typeof init !== 'number' ? 'initial value' : typeof limit !== 'number' ? 'limit' : 'step';
  throw runtimeError(L, `'for' ${what} must be a number`);
}

/** FORPREP's work on registers ra (init), ra+1 (limit), ra+2 (step): checks, coercions, init - step. */
export function forPrep(L: LuaState, ra: number): void {
  const stack = L.stack;
  const init = forNumber(stack[ra]);
  if (init === undefined) throw runtimeError(L, "'for' initial value must be a number");
  const limit = forNumber(stack[ra + 1]);
  if (limit === undefined) throw runtimeError(L, "'for' limit must be a number");
  const step = forNumber(stack[ra + 2]);
  if (step === undefined) throw runtimeError(L, "'for' step must be a number");
  stack[ra + 1] = limit;
  stack[ra + 2] = step;
  stack[ra] = init - step;
}

function forNumber(v: LuaValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return stringToNumber(v);
  return undefined;
}

export function execute(L: LuaState, entryCi: number): void {
  const stack = L.stack;
  const g = L.g;
  // L.hookMask, read again after everything that can run code (a host
  // function, a metamethod, a hook, the budget hook): only such code can
  // set a hook or ask for a collection (MASK_GC).
  let hooked = L.hookMask !== 0;
  // Set when the translation handed its frame back (J_INTERP): the
  // interpreter runs that frame until its next frame switch.
  let interpret = false;

  // Every frame switch comes back here: the running frame (L.ci) is loaded
  // at its savedpc and runs translated when it can.
  frames: for (;;) {
    const f: CallFrame = L.frames[L.ci]!;
    const cl: LuaClosure = f.closure!;
    const p: Proto = cl.proto;
    const code: Int32Array = p.code;
    const k: Constant[] = p.k;
    const upvals: UpVal[] = cl.upvals;
    const base = f.base;
    let pc = f.savedpc;
    if (!hooked && g.jit && !interpret) {
      let jf = p.jit;
      if (jf === undefined && ++p.hot >= g.jitThreshold) jf = jitProto(p);
      if (jf !== undefined && jf !== null) {
        const r = jf(L, f, pc, 0);
        hooked = L.hookMask !== 0;
        if (r === J_YIELD) return;
        if (L.ci < entryCi) {
          // Back to the host caller, whose arguments L.base locates
          // (translated returns leave it alone).
          L.base = L.frames[L.ci]!.base;
          return;
        }
        if (r === J_RETURN_FIXED) L.top = L.frames[L.ci]!.top;
        interpret = r === J_INTERP;
        continue;
      }
    }
    interpret = false;
  for (;;) {
    const i = code[pc++]!;
    if (hooked) {
      if (traceExec(L, f, pc)) return;
      hooked = L.hookMask !== 0;
    }
    switch (i & 0x3f) {
      case Op.MOVE:
        stack[base + ((i >>> 6) & 0xff)] = stack[base + (i >>> 23)];
        break;
      case Op.LOADK:
        stack[base + ((i >>> 6) & 0xff)] = k[i >>> 14];
        break;
      case Op.LOADBOOL:
        stack[base + ((i >>> 6) & 0xff)] = (i >>> 23) !== 0;
        if (((i >>> 14) & 0x1ff) !== 0) pc++;
        break;
      case Op.LOADNIL: {
        const last = base + (i >>> 23);
        for (let j = base + ((i >>> 6) & 0xff); j <= last; j++) stack[j] = undefined;
        break;
      }
      case Op.GETUPVAL: {
        const uv = upvals[i >>> 23]!;
        const s = uv.stack;
        stack[base + ((i >>> 6) & 0xff)] = s === undefined ? uv.value : s[uv.index];
        break;
      }
      case Op.GETGLOBAL: {
        const env = cl.env;
        const key = k[i >>> 14] as string;
        let v = env.getStr(key);
        if (v === undefined && env.metatable !== undefined) {
          f.savedpc = pc;
          v = index(L, env, key); hooked = L.hookMask !== 0;
        }
        stack[base + ((i >>> 6) & 0xff)] = v;
        break;
      }
      case Op.GETTABLE: {
        const b = i >>> 23;
        const t = stack[base + b];
        const c = (i >>> 14) & 0x1ff;
        const key = c >= 256 ? k[c - 256] : stack[base + c];
        if (t instanceof LuaTable) {
          const v = typeof key === 'string' ? t.getStr(key) : t.get(key);
          if (v !== undefined || t.metatable === undefined) {
            stack[base + ((i >>> 6) & 0xff)] = v;
            break;
          }
        }
        f.savedpc = pc;
        const v = index(L, t, key, b); hooked = L.hookMask !== 0;
        stack[base + ((i >>> 6) & 0xff)] = v;
        break;
      }
      case Op.SETGLOBAL: {
        const env = cl.env;
        const key = k[i >>> 14] as string;
        const v = stack[base + ((i >>> 6) & 0xff)];
        if (env.metatable === undefined) env.setStr(key, v);
        else {
          f.savedpc = pc;
          setIndex(L, env, key, v); hooked = L.hookMask !== 0;
        }
        break;
      }
      case Op.SETUPVAL: {
        const uv = upvals[i >>> 23]!;
        const v = stack[base + ((i >>> 6) & 0xff)];
        const s = uv.stack;
        if (s === undefined) uv.value = v;
        else s[uv.index] = v;
        break;
      }
      case Op.SETTABLE: {
        const a = (i >>> 6) & 0xff;
        const t = stack[base + a];
        const b = i >>> 23;
        const c = (i >>> 14) & 0x1ff;
        const key = b >= 256 ? k[b - 256] : stack[base + b];
        const v = c >= 256 ? k[c - 256] : stack[base + c];
        if (t instanceof LuaTable) {
          // luaV_settable: a raw set unless there is a __newindex to consult
          // (with one, setIndex also checks whether the key is present).
          const mt = t.metatable;
          if (mt === undefined || mt.getStr('__newindex') === undefined) {
            if (typeof key === 'string') { t.setStr(key, v); break; }
            if (typeof key === 'number' && key === key) { t.set(key, v); break; }
            f.savedpc = pc;
            checkKey(L, key);
            t.set(key, v);
            break;
          }
        }
        f.savedpc = pc;
        setIndex(L, t, key, v, a);
        hooked = L.hookMask !== 0;
        break;
      }
      case Op.NEWTABLE:
        stack[base + ((i >>> 6) & 0xff)] = new LuaTable(fb2int(i >>> 23), fb2int((i >>> 14) & 0x1ff));
        break;
      case Op.SELF: {
        const ra = base + ((i >>> 6) & 0xff);
        const b = i >>> 23;
        const obj = stack[base + b];
        stack[ra + 1] = obj;
        const c = (i >>> 14) & 0x1ff;
        const key = c >= 256 ? k[c - 256] : stack[base + c];
        if (obj instanceof LuaTable) {
          const v = typeof key === 'string' ? obj.getStr(key) : obj.get(key);
          if (v !== undefined || obj.metatable === undefined) { stack[ra] = v; break; }
        }
        f.savedpc = pc;
        const v = index(L, obj, key, b); hooked = L.hookMask !== 0;
        stack[ra] = v;
        break;
      }
      case Op.ADD: {
        const b = i >>> 23;
        const c = (i >>> 14) & 0x1ff;
        const x = b >= 256 ? k[b - 256] : stack[base + b];
        const y = c >= 256 ? k[c - 256] : stack[base + c];
        if (typeof x === 'number' && typeof y === 'number') {
          const r = x + y;
          stack[base + ((i >>> 6) & 0xff)] = r === r ? r : nanOperand(x, y, r);
          break;
        }
        f.savedpc = pc;
        const v = arith(L, Arith.ADD, x, y, b >= 256 ? -1 : b, c >= 256 ? -1 : c); hooked = L.hookMask !== 0;
        stack[base + ((i >>> 6) & 0xff)] = v;
        break;
      }
      case Op.SUB: {
        const b = i >>> 23;
        const c = (i >>> 14) & 0x1ff;
        const x = b >= 256 ? k[b - 256] : stack[base + b];
        const y = c >= 256 ? k[c - 256] : stack[base + c];
        if (typeof x === 'number' && typeof y === 'number') {
          const r = x - y;
          stack[base + ((i >>> 6) & 0xff)] = r === r ? r : nanOperand(x, y, r);
          break;
        }
        f.savedpc = pc;
        const v = arith(L, Arith.SUB, x, y, b >= 256 ? -1 : b, c >= 256 ? -1 : c); hooked = L.hookMask !== 0;
        stack[base + ((i >>> 6) & 0xff)] = v;
        break;
      }
      case Op.MUL: {
        const b = i >>> 23;
        const c = (i >>> 14) & 0x1ff;
        const x = b >= 256 ? k[b - 256] : stack[base + b];
        const y = c >= 256 ? k[c - 256] : stack[base + c];
        if (typeof x === 'number' && typeof y === 'number') {
          const r = x * y;
          stack[base + ((i >>> 6) & 0xff)] = r === r ? r : nanOperand(x, y, r);
          break;
        }
        f.savedpc = pc;
        const v = arith(L, Arith.MUL, x, y, b >= 256 ? -1 : b, c >= 256 ? -1 : c); hooked = L.hookMask !== 0;
        stack[base + ((i >>> 6) & 0xff)] = v;
        break;
      }
      case Op.DIV: {
        const b = i >>> 23;
        const c = (i >>> 14) & 0x1ff;
        const x = b >= 256 ? k[b - 256] : stack[base + b];
        const y = c >= 256 ? k[c - 256] : stack[base + c];
        if (typeof x === 'number' && typeof y === 'number') {
          const r = x / y;
          stack[base + ((i >>> 6) & 0xff)] = r === r ? r : nanOperand(x, y, r);
          break;
        }
        f.savedpc = pc;
        const v = arith(L, Arith.DIV, x, y, b >= 256 ? -1 : b, c >= 256 ? -1 : c); hooked = L.hookMask !== 0;
        stack[base + ((i >>> 6) & 0xff)] = v;
        break;
      }
      case Op.MOD: {
        const b = i >>> 23;
        const c = (i >>> 14) & 0x1ff;
        const x = b >= 256 ? k[b - 256] : stack[base + b];
        const y = c >= 256 ? k[c - 256] : stack[base + c];
        if (typeof x === 'number' && typeof y === 'number') {
          stack[base + ((i >>> 6) & 0xff)] = x - Math.floor(x / y) * y;
          break;
        }
        f.savedpc = pc;
        const v = arith(L, Arith.MOD, x, y, b >= 256 ? -1 : b, c >= 256 ? -1 : c); hooked = L.hookMask !== 0;
        stack[base + ((i >>> 6) & 0xff)] = v;
        break;
      }
      case Op.POW: {
        const b = i >>> 23;
        const c = (i >>> 14) & 0x1ff;
        const x = b >= 256 ? k[b - 256] : stack[base + b];
        const y = c >= 256 ? k[c - 256] : stack[base + c];
        if (typeof x === 'number' && typeof y === 'number') {
          stack[base + ((i >>> 6) & 0xff)] = cPow(x, y);
          break;
        }
        f.savedpc = pc;
        const v = arith(L, Arith.POW, x, y, b >= 256 ? -1 : b, c >= 256 ? -1 : c); hooked = L.hookMask !== 0;
        stack[base + ((i >>> 6) & 0xff)] = v;
        break;
      }
      case Op.UNM: {
        const b = i >>> 23;
        const x = stack[base + b];
        if (typeof x === 'number') { stack[base + ((i >>> 6) & 0xff)] = -x; break; }
        f.savedpc = pc;
        const v = arith(L, Arith.UNM, x, x, b, b); hooked = L.hookMask !== 0;
        stack[base + ((i >>> 6) & 0xff)] = v;
        break;
      }
      case Op.NOT: {
        const x = stack[base + (i >>> 23)];
        stack[base + ((i >>> 6) & 0xff)] = x === undefined || x === false;
        break;
      }
      case Op.LEN: {
        const b = i >>> 23;
        const x = stack[base + b];
        if (x instanceof LuaTable) { stack[base + ((i >>> 6) & 0xff)] = x.length(); break; }
        if (typeof x === 'string') { stack[base + ((i >>> 6) & 0xff)] = x.length; break; }
        f.savedpc = pc;
        const v = len(L, x, b); hooked = L.hookMask !== 0;
        stack[base + ((i >>> 6) & 0xff)] = v;
        break;
      }
      case Op.CONCAT: {
        const b = i >>> 23;
        const c = (i >>> 14) & 0x1ff;
        const x = stack[base + b];
        const y = stack[base + c];
        if (c === b + 1 && typeof x === 'string' && typeof y === 'string') {
          stack[base + ((i >>> 6) & 0xff)] = x + y;
          break;
        }
        f.savedpc = pc;
        concat(L, base + b, base + c, base); hooked = L.hookMask !== 0;
        stack[base + ((i >>> 6) & 0xff)] = stack[base + b];
        break;
      }
      // Jumps: JMP itself, and the tests and TFORLOOP, which run the JMP
      // that follows them when their condition holds (skip it otherwise).
      // One copy of the jump: the budget charge of a backward jump and the
      // move of a hot loop to its translation.
      case Op.JMP: case Op.EQ: case Op.LT: case Op.LE: case Op.TEST: case Op.TESTSET: case Op.TFORLOOP: {
        let jw = i;
        switch (i & 0x3f) {
          case Op.JMP:
            break;
          case Op.EQ: {
            const b = i >>> 23;
            const c = (i >>> 14) & 0x1ff;
            const x = b >= 256 ? k[b - 256] : stack[base + b];
            const y = c >= 256 ? k[c - 256] : stack[base + c];
            let res = x === y;
            if (!res && typeof x === 'object' && typeof y === 'object') {
              f.savedpc = pc;
              res = equals(L, x, y);
              hooked = L.hookMask !== 0;
            }
            if (res !== (((i >>> 6) & 0xff) !== 0)) { pc++; continue; }
            jw = code[pc++]!;
            break;
          }
          case Op.LT:
          case Op.LE: {
            const b = i >>> 23;
            const c = (i >>> 14) & 0x1ff;
            const x = b >= 256 ? k[b - 256] : stack[base + b];
            const y = c >= 256 ? k[c - 256] : stack[base + c];
            const lt = (i & 0x3f) === Op.LT;
            let res: boolean;
            if (typeof x === 'number' && typeof y === 'number') res = lt ? x < y : x <= y;
            else {
              f.savedpc = pc;
              res = lt ? lessThan(L, x, y) : lessEqual(L, x, y);
              hooked = L.hookMask !== 0;
            }
            if (res !== (((i >>> 6) & 0xff) !== 0)) { pc++; continue; }
            jw = code[pc++]!;
            break;
          }
          case Op.TEST:
          case Op.TESTSET: {
            const test = (i & 0x3f) === Op.TEST;
            const x = stack[base + (test ? (i >>> 6) & 0xff : i >>> 23)];
            const isFalse = x === undefined || x === false;
            if (isFalse === (((i >>> 14) & 0x1ff) !== 0)) { pc++; continue; }
            if (!test) stack[base + ((i >>> 6) & 0xff)] = x;
            jw = code[pc++]!;
            break;
          }
          default: { // TFORLOOP
            const ra = base + ((i >>> 6) & 0xff);
            const cb = ra + 3;
            stack[cb + 2] = stack[ra + 2];
            stack[cb + 1] = stack[ra + 1];
            stack[cb] = stack[ra];
            L.top = cb + 3;
            f.savedpc = pc;
            call(L, cb, (i >>> 14) & 0x1ff);
            hooked = L.hookMask !== 0;
            L.top = f.top;
            const v = stack[cb];
            if (v === undefined) { pc++; continue; }
            stack[cb - 1] = v;
            jw = code[pc++]!;
            break;
          }
        }
        const sbx = (jw >>> 14) - MAXARG_SBX;
        pc += sbx;
        if (sbx < 0) {
          if (--g.budget <= 0) {
            f.savedpc = pc;
            if (budgetExhausted(L) && L.nCcalls === L.baseCcalls && L !== g.mainThread) return pause(L, g);
            hooked = L.hookMask !== 0;
          }
          // A hot loop: on to its translation, at the jump target (a leader).
          if (++p.hot === g.jitThreshold && !hooked) {
            f.savedpc = pc;
            continue frames;
          }
        }
        break;
      }
      case Op.CALL: {
        const ra = base + ((i >>> 6) & 0xff);
        const b = i >>> 23;
        const nresults = ((i >>> 14) & 0x1ff) - 1;
        if (b !== 0) L.top = ra + b;
        f.savedpc = pc;
        const fn = stack[ra];
        if (fn instanceof LuaClosure && fn.proto.isVararg === 0 && L.ci + 1 < L.ciLimit && !hooked) {
          L.base = pushLuaFrame(L, ra, fn, fn.proto, nresults).base;
          if (--g.budget <= 0) {
            if (budgetExhausted(L) && L.nCcalls === L.baseCcalls && L !== g.mainThread) return pause(L, g);
            // The budget hook may have set a hook: precall's order (budget, then the call hook).
            hooked = L.hookMask !== 0;
            if (hooked) hookCall(L);
          }
          continue frames;
        }
        const r = precall(L, ra, nresults);
        hooked = L.hookMask !== 0;
        if (r === PRECALL_LUA) continue frames;
        if (r === PRECALL_YIELD) return;
        if (nresults >= 0) L.top = f.top;
        break;
      }
      case Op.TAILCALL: {
        const ra = base + ((i >>> 6) & 0xff);
        const b = i >>> 23;
        if (b !== 0) L.top = ra + b;
        f.savedpc = pc;
        const r = precall(L, ra, -1);
        hooked = L.hookMask !== 0;
        if (r === PRECALL_LUA) {
          replaceWithTailcall(L, f);
          continue frames;
        }
        if (r === PRECALL_YIELD) return;
        break;
      }
      case Op.RETURN: {
        const ra = base + ((i >>> 6) & 0xff);
        const b = i >>> 23;
        const n = b !== 0 ? b - 1 : L.top - ra;
        const wanted = f.nresults;
        popLuaFrame(L, f, ra, n);
        const caller = L.frames[L.ci]!;
        L.base = caller.base;
        if (L.ci < entryCi) return;
        if (wanted >= 0) L.top = caller.top;
        continue frames;
      }
      case Op.FORLOOP: {
        const ra = base + ((i >>> 6) & 0xff);
        const step = stack[ra + 2];
        const i0 = stack[ra];
        const limit = stack[ra + 1];
        if (typeof i0 !== 'number' || typeof limit !== 'number' || typeof step !== 'number') {
          f.savedpc = pc;
          forCorrupted(L, i0, limit);
        }
        const idx = i0 + step;
        if (step > 0 ? idx <= limit : limit <= idx) {
          pc += (i >>> 14) - MAXARG_SBX;
          stack[ra] = idx;
          stack[ra + 3] = idx;
          if (--g.budget <= 0) {
            f.savedpc = pc;
            if (budgetExhausted(L) && L.nCcalls === L.baseCcalls && L !== g.mainThread) return pause(L, g);
            hooked = L.hookMask !== 0;
          }
          if (++p.hot === g.jitThreshold && !hooked) {
            f.savedpc = pc;
            continue frames;
          }
        }
        break;
      }
      case Op.FORPREP: {
        const ra = base + ((i >>> 6) & 0xff);
        f.savedpc = pc;
        forPrep(L, ra);
        pc += (i >>> 14) - MAXARG_SBX;
        break;
      }
      case Op.SETLIST: {
        const ra = base + ((i >>> 6) & 0xff);
        let n = i >>> 23;
        let c = (i >>> 14) & 0x1ff;
        if (n === 0) {
          n = L.top - ra - 1;
          L.top = f.top;
        }
        if (c === 0) c = code[pc++]!;
        const h = stack[ra] as LuaTable;
        let last = (c - 1) * LFIELDS_PER_FLUSH + n;
        if (last > h.arr.length) h.resize(last, h.hashCap);
        for (; n > 0; n--) h.setInt(last--, stack[ra + n]);
        break;
      }
      case Op.CLOSE:
        closeUpvals(L, base + ((i >>> 6) & 0xff));
        break;
      case Op.CLOSURE: {
        const np = p.p[i >>> 14]!;
        const nup = np.numUpvalues;
        // Exactly sized: `[]` plus push reserves 17 slots for the first one.
        let uvs: UpVal[] = [];
        if (nup > 0) {
          let ins = code[pc++]!;
          const u0 = (ins & 0x3f) === Op.GETUPVAL ? upvals[ins >>> 23]! : findUpval(L, base + (ins >>> 23));
          if (nup === 1) uvs = [u0];
          else {
            ins = code[pc++]!;
            const u1 = (ins & 0x3f) === Op.GETUPVAL ? upvals[ins >>> 23]! : findUpval(L, base + (ins >>> 23));
            uvs = [u0, u1];
            for (let j = 2; j < nup; j++) {
              ins = code[pc++]!;
              uvs.push((ins & 0x3f) === Op.GETUPVAL ? upvals[ins >>> 23]! : findUpval(L, base + (ins >>> 23)));
            }
          }
        }
        stack[base + ((i >>> 6) & 0xff)] = new LuaClosure(np, cl.env, uvs);
        break;
      }
      case Op.VARARG: {
        const ra = base + ((i >>> 6) & 0xff);
        let b = (i >>> 23) - 1;
        const n = base - f.func - p.numParams - 1;
        if (b < 0) {
          b = n;
          ensureStack(L, ra + n + MIN_STACK);
          L.top = ra + n;
        }
        for (let j = 0; j < b; j++) stack[ra + j] = j < n ? stack[base - n + j] : undefined;
        break;
      }
      default:
        f.savedpc = pc;
        throw runtimeError(L, 'bad opcode ' + (i & 0x3f));
    }
  }
  }
}
