// bit: LuaBitOp 1.0.2 as Valkey bundles it, over the VM's host-function API.
// The arithmetic lives in bit-core.ts.

import type { LuaState, LuaTable, LibTable } from '@valua/vm';
import { toBits, bnot, lshift, rshift, arshift, rol, ror, bswap, tohex } from './bit-core.js';

/**
 * barg(): lua_tonumber, so numeric strings count; a value that does not
 * convert reads as 0, and only then is it an error ("number expected").
 */
function barg(L: LuaState, base: number, nargs: number, n: number): number {
  const v = n <= nargs ? L.stack[base + n - 1] : undefined;
  if (typeof v === 'number') return toBits(v);
  const x = n <= nargs ? L.toNumber(v) : undefined;
  if (x === undefined) throw L.typeError(n, 'number');
  return toBits(x);
}

function bitTobit(L: LuaState, base: number, nargs: number): number {
  L.push(barg(L, base, nargs, 1) | 0);
  return 1;
}

function bitBnot(L: LuaState, base: number, nargs: number): number {
  L.push(bnot(barg(L, base, nargs, 1)));
  return 1;
}

// BIT_OP: the first argument, then the others from the last one down.
function bitBand(L: LuaState, base: number, nargs: number): number {
  let b = barg(L, base, nargs, 1);
  for (let i = nargs; i > 1; i--) b &= barg(L, base, nargs, i);
  L.push(b | 0);
  return 1;
}

function bitBor(L: LuaState, base: number, nargs: number): number {
  let b = barg(L, base, nargs, 1);
  for (let i = nargs; i > 1; i--) b |= barg(L, base, nargs, i);
  L.push(b | 0);
  return 1;
}

function bitBxor(L: LuaState, base: number, nargs: number): number {
  let b = barg(L, base, nargs, 1);
  for (let i = nargs; i > 1; i--) b ^= barg(L, base, nargs, i);
  L.push(b | 0);
  return 1;
}

function shiftOp(op: (b: number, n: number) => number) {
  return (L: LuaState, base: number, nargs: number): number => {
    const b = barg(L, base, nargs, 1);
    const n = barg(L, base, nargs, 2) & 31;
    L.push(op(b, n) | 0);
    return 1;
  };
}

function bitBswap(L: LuaState, base: number, nargs: number): number {
  L.push(bswap(barg(L, base, nargs, 1)));
  return 1;
}

function bitTohex(L: LuaState, base: number, nargs: number): number {
  const b = barg(L, base, nargs, 1);
  // lua_isnone(L, 2): an explicit nil is converted (and fails).
  const n = nargs < 2 ? 8 : barg(L, base, nargs, 2) | 0;
  L.push(tohex(b, n));
  return 1;
}

export const bitLib: LibTable = {
  tobit: bitTobit,
  bnot: bitBnot,
  band: bitBand,
  bor: bitBor,
  bxor: bitBxor,
  lshift: shiftOp(lshift),
  rshift: shiftOp(rshift),
  arshift: shiftOp(arshift),
  rol: shiftOp(rol),
  ror: shiftOp(ror),
  bswap: bitBswap,
  tohex: bitTohex,
};

/** Installs the global `bit` (luaopen_bit) and returns it. */
export function openBit(L: LuaState): LuaTable {
  return L.register('bit', bitLib);
}
