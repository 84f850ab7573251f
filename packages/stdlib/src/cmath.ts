// C math library semantics that JS Math does not share: NaN signs as glibc
// produces them on x86-64, pow's defined cases and rounding, fmod, frexp and
// ldexp. Pure functions; math-lib.ts wires them to Lua.

import { powPositive } from '@valua/vm';

// glibc computes an invalid result as 0/0, whose NaN has the sign bit set on
// x86-64 (lua5.1: math.fmod(5, 0) prints -nan).
const f64 = new Float64Array(1);
const u8 = new Uint8Array(f64.buffer);
const SIGN_BYTE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 7 : 0;
f64[0] = NaN;
u8[SIGN_BYTE] = u8[SIGN_BYTE]! | 0x80;
/** The NaN glibc produces for an invalid operation (sign bit set). */
export const NEG_NAN = f64[0]!;
f64[0] = NaN;
u8[SIGN_BYTE] = u8[SIGN_BYTE]! & 0x7f;
/** A NaN with the sign bit clear (what log10(-1), acos(2) and fabs(nan) give). */
export const POS_NAN = f64[0]!;

/** C99 pow: the cases where it is defined but JS's Math.pow answers NaN. */
export function cPow(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x !== x) {
    // glibc returns x * x, negated for a negative x and an odd integer y:
    // lua5.1 prints math.pow(0/0, 3) as nan but math.pow(0/0, 2) as -nan.
    if (y === y && isOddInteger(y) && signBitSet(x)) return POS_NAN;
    return x;
  }
  if (y !== y) return y;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  if (x !== 0 && Number.isFinite(x) && Number.isFinite(y)) {
    // the ordinary case, rounded as glibc rounds it (Math.pow is often an ulp off)
    if (x > 0) return powPositive(x, y);
    if (!Number.isInteger(y)) return NEG_NAN; // pow(-2, 0.5)
    const r = powPositive(-x, y);
    return isOddInteger(y) ? -r : r;
  }
  // zeros and infinities: Math.pow follows C99 Annex F here
  return Math.pow(x, y);
}

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

function isOddInteger(y: number): boolean {
  return Number.isInteger(y) && Math.abs(y) < 9007199254740992 && Math.abs(y % 2) === 1;
}

function signBitSet(x: number): boolean {
  f64[0] = x;
  return (u8[SIGN_BYTE]! & 0x80) !== 0;
}

/** C fmod: JS % has the same values; an invalid operation gives glibc's -nan. */
export function cFmod(x: number, y: number): number {
  if (x !== x) return x;
  if (y !== y) return y;
  const r = x % y;
  return r !== r ? NEG_NAN : r;
}
