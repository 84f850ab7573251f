// C math library semantics that JS Math does not share: fmod's NaN sign as
// glibc produces it on x86-64, frexp and ldexp. Pure functions; math-lib.ts
// wires them to Lua. pow (cPow) and the NaN constants are the VM's.

import { NEG_NAN } from '@valua/vm';

/** C frexp: x = m * 2^e with 0.5 <= |m| < 1 (m = x, e = 0 for 0, inf, nan). */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let e = 0;
  let m = x;
  const a = Math.abs(x);
  if (a < 2.2250738585072014e-308) { m *= 2 ** 64; e = -64; } // subnormal: normalise first
  const f = new Float64Array([m]);
  const u = new Uint32Array(f.buffer);
  const hiIdx = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
  const hi = u[hiIdx]!;
  const bexp = (hi >>> 20) & 0x7ff;
  e += bexp - 1022;
  u[hiIdx] = (hi & 0x800fffff) | (1022 << 20);
  return [f[0]!, e];
}

/** C ldexp (scalbn): x * 2^e with one rounding, even into subnormals. */
export function ldexp(x: number, e: number): number {
  if (e > 1023) {
    x *= 2 ** 1023;
    e -= 1023;
    if (e > 1023) {
      x *= 2 ** 1023;
      e -= 1023;
      if (e > 1023) e = 1023;
    }
  } else if (e < -1022) {
    // scale by 2^-969 (= 2^-1022 * 2^53) so the final step rounds only once
    x *= 2 ** -969;
    e += 969;
    if (e < -1022) {
      x *= 2 ** -969;
      e += 969;
      if (e < -1022) e = -1022;
    }
  }
  return x * 2 ** e;
}

/** C fmod: JS % has the same values; an invalid operation gives glibc's -nan. */
export function cFmod(x: number, y: number): number {
  if (x !== x) return x;
  if (y !== y) return y;
  const r = x % y;
  return r !== r ? NEG_NAN : r;
}
