// A compiled function prototype: what the compiler produces and the VM runs.
// Mirrors Lua 5.1's Proto so that `valuac -l` can print luac5.1's layout.
// Invariants: `lineinfo.length === code.length`, or 0 (no line info: a
// stripped binary chunk, valuac's combined main); constants are numbers,
// strings, booleans and (for `x == nil` comparisons) nil, deduplicated by value (5.1 folds -0 into 0
// and 1 into 1.0); captured variables are described, as in 5.1, by the
// MOVE (local of the enclosing function) / GETUPVAL (its upvalue) pseudo-
// instructions that follow each CLOSURE.

import type { ChainHit } from './index-cache.js';
import type { JitFunction } from './jit.js';

/** Values a constant table can hold. `undefined` (nil) appears only as an
 *  RK operand of EQ: lua5.1's "return x == nil" compiles to EQ 1 0 K(nil). */
export type Constant = number | string | boolean | undefined;

export interface LocVar {
  name: string;
  /** First pc where the variable is active. */
  startpc: number;
  /** First pc where it is dead. */
  endpc: number;
}

/** GlobalState.jitThreshold's default: frame entries plus loop iterations before translation. */
export const JIT_THRESHOLD = 40;

/** is_vararg bits (lobject.h). */
export const VARARG_HASARG = 1;
export const VARARG_ISVARARG = 2;
export const VARARG_NEEDSARG = 4;

export class Proto {
  /** Packed instructions (see opcodes.ts). */
  code: Int32Array;
  /** Source line of each instruction. */
  lineinfo: Int32Array;
  k: Constant[];
  p: Proto[];
  locvars: LocVar[];
  upvalueNames: string[];
  /** Chunk name this function was compiled from (`@file`, `=stdin`, or the source). */
  source: string;
  lineDefined: number;
  lastLineDefined: number;
  numUpvalues: number;
  numParams: number;
  /** VARARG_* bits. */
  isVararg: number;
  maxStackSize: number;
  /** The translated function (jit.ts): undefined until first run, null if it stays interpreted. */
  jit: JitFunction | null | undefined;
  /**
   * Counts frame switches into this function and the backward jumps the
   * interpreter takes in it; translation waits for GlobalState.jitThreshold
   * of them, so code that runs a few times is not worth a `new Function`.
   */
  hot: number;
  /** Per instruction, the last lookup through __index tables (index-cache.ts); created on first use. */
  chainCache: (ChainHit | undefined)[] | undefined;

  constructor(source: string) {
    this.code = new Int32Array(0);
    this.lineinfo = new Int32Array(0);
    this.k = [];
    this.p = [];
    this.locvars = [];
    this.upvalueNames = [];
    this.source = source;
    this.lineDefined = 0;
    this.lastLineDefined = 0;
    this.numUpvalues = 0;
    this.numParams = 0;
    this.isVararg = 0;
    this.maxStackSize = 2;
    this.jit = undefined;
    this.hot = 0;
    this.chainCache = undefined;
  }
}
