// The C math functions rounded as glibc rounds them. glibc's exp, log, pow,
// sin, cos, tan, asin, acos, atan and atan2 are within 0.52 ulp, nearly
// always the correctly rounded result; V8's fdlibm ports are off by one ulp
// for 2-15% of arguments. Here those functions are computed in double-double
// arithmetic (about 104 bits) and rounded once; log10, sinh, cosh and tanh
// follow glibc's own formulas over them.
//
// pow is the VM's (cPow, for `^`); the double-double kernel (primitives,
// exp and log cores, series tables, result registers R) is the VM's too
// (vm cmath.ts), imported here rather than kept twice.
//
// Invariant: a double-double (hi, lo) has |lo| <= ulp(hi) / 2, so hi is the
// nearest double to hi + lo.

import {
  DD_R as R, twoSum, twoProd, ddAdd, ddMul, ddDiv, ddExp, ddLog, scaleRound,
  INV_FACT_HI, INV_FACT_LO, ODD_INV_HI, ODD_INV_LO,
} from '@valua/vm';

/** exp(x) as glibc rounds it. */
export function exp(x: number): number {
  if (x !== x) return x;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  if (x === 0) return 1;
  const k = ddExp(x, 0);
  return scaleRound(R[0]!, R[1]!, k);
}

// bit views of a double for log10 and reduceHuge (read back at once: no
// result is passed through them)
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** log(x) as glibc rounds it. */
export function log(x: number): number {
  if (x !== x) return x;
  if (x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  if (x === 1) return 0;
  ddLog(x);
  return R[0]! + R[1]!;
}

/**
 * log10(x) as glibc computes it: not correctly rounded, but glibc's
 * e_log10.c formula over its (correctly rounded) log, operation for
 * operation: x = 2^k * m, z = k * log10(2)_lo + log(m) / ln 10, z + k * log10(2)_hi.
 */
export function log10(x: number): number {
  if (x !== x) return x;
  if (x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  let k = 0;
  if (x < 2.2250738585072014e-308) { k = -54; x *= 2 ** 54; }
  f64[0] = x;
  const hx = u32[HI]!;
  k += (hx >>> 20) - 1023;
  const i = k < 0 ? 1 : 0; // m in [1, 2) for k >= 0, [0.5, 1) for k < 0
  u32[HI] = (hx & 0x000fffff) | ((0x3ff - i) << 20);
  const m = f64[0]!;
  const y = k + i;
  const z = y * LOG10_2LO + IVLN10 * log(m);
  return z + y * LOG10_2HI;
}

const IVLN10 = 4.34294481903251816668e-01;
const LOG10_2HI = 3.01029995663611771306e-01;
const LOG10_2LO = 3.69423907715893078616e-13;

/**
 * sinh as glibc's e_sinh.c computes it (the fdlibm formulas) over its
 * expm1 (fdlibm's, which V8's Math.expm1 ports too) and its exp (ours).
 */
export function sinh(x: number): number {
  if (!Number.isFinite(x)) return x;
  const h = x < 0 ? -0.5 : 0.5;
  const a = Math.abs(x);
  if (a < 22) {
    if (a < 2 ** -28) return x;
    const t = Math.expm1(a);
    if (a < 1) return h * (2.0 * t - (t * t) / (t + 1));
    return h * (t + t / (t + 1));
  }
  if (a < 709.7822265625) return h * exp(a); // 0x40862E42 high word
  if (a <= 710.4758600739439) { // overflow threshold
    const w = exp(0.5 * a);
    const t = h * w;
    return t * w;
  }
  return x * 1e307;
}

/** cosh as glibc's e_cosh.c computes it (fdlibm formulas over expm1 and exp). */
export function cosh(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a === Infinity) return Infinity;
  if (a < 0.3465735902799726) { // 0.5 * ln 2 (high word 0x3fd62e43)
    if (a < 2 ** -55) return 1;
    const t = Math.expm1(a);
    const w = 1 + t;
    return 1 + (t * t) / (w + w);
  }
  if (a < 22) {
    const t = exp(a);
    return 0.5 * t + 0.5 / t;
  }
  if (a < 709.7822265625) return 0.5 * exp(a);
  if (a <= 710.4758600739439) {
    const w = exp(0.5 * a);
    const t = 0.5 * w;
    return t * w;
  }
  return Infinity;
}

/** tanh as glibc's s_tanh.c computes it (the fdlibm formulas over expm1). */
export function tanh(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  let z: number;
  if (a < 22) {
    if (a < 2 ** -55) return x * (1 + x);
    if (a >= 1) {
      const t = Math.expm1(2 * a);
      z = 1 - 2 / (t + 2);
    } else {
      const t = Math.expm1(-2 * a);
      z = -t / (t + 2);
    }
  } else z = 1;
  return x >= 0 ? z : -z;
}

// ---- trigonometry ------------------------------------------------------------

// pi/2 in 33-bit pieces (from a 100-digit expansion): k * piece is exact for |k| < 2^20
const PIO2_1 = 1.5707963267341256, PIO2_2 = 6.077100506303966e-11;
const PIO2_3 = 2.0222662487111665e-21, PIO2_4 = 8.478427660348229e-32;
const PIO2_HI = 1.5707963267948966, PIO2_LO = 6.123233995736766e-17;
const PI_HI = 3.141592653589793, PI_LO = 1.2246467991473532e-16;
const TRIG_LIMIT = 2 ** 19; // beyond it the Cody-Waite reduction is not exact enough

// 2/pi to 1300 bits, computed once in BigInt (Machin's formula) for the
// exact reduction of huge arguments (Payne-Hanek's idea with BigInt).
const PREC = 1300;
let twoOverPiFixed = 0n; // floor(2/pi * 2^PREC)
function twoOverPi(): bigint {
  if (twoOverPiFixed === 0n) {
    const one = 1n << BigInt(PREC + 64);
    const atanInv = (n: bigint): bigint => { // atan(1/n) * 2^(PREC+64)
      let term = one / n, sum = term, k = 1n, sign = -1n;
      const n2 = n * n;
      while (term !== 0n) {
        term /= n2;
        k += 2n;
        sum += sign * (term / k);
        sign = -sign;
      }
      return sum;
    };
    const pi = 16n * atanInv(5n) - 4n * atanInv(239n); // pi * 2^(PREC+64)
    twoOverPiFixed = (2n << BigInt(2 * PREC + 64)) / pi;
  }
  return twoOverPiFixed;
}

/** Exact reduction of a huge |x| (> TRIG_LIMIT): r in (R[0]!, R[1]!), returns k mod 4. */
function reduceHuge(x: number): number {
  f64[0] = x;
  const hi = u32[HI]!, lo = u32[1 - HI]!;
  const m = (BigInt((hi & 0xfffff) | 0x100000) << 32n) | BigInt(lo);
  const e = ((hi >>> 20) & 0x7ff) - 1075; // x = m * 2^e, e > 0 here
  const shift = BigInt(PREC - e);
  const prod = m * twoOverPi(); // x * 2/pi * 2^(PREC - e)
  const half = 1n << (shift - 1n);
  const k = (prod + half) >> shift;
  const frac = prod - (k << shift); // in [-2^(shift-1), 2^(shift-1))
  const t = shift - 110n;
  const fi = frac >> t;
  const fh = Number(fi);
  const fl = Number(fi - BigInt(fh));
  const sc = 2 ** -110;
  ddMul(fh * sc, fl * sc, PIO2_HI, PIO2_LO);
  return Number(k & 3n);
}

/** x - k*pi/2 as a double-double, k = round(x * 2/pi); returns k. */
function reduce(x: number): number {
  if (Math.abs(x) > TRIG_LIMIT) {
    if (x > 0) return reduceHuge(x);
    const k = reduceHuge(-x);
    R[0] = -R[0]!; R[1] = -R[1]!;
    return -k;
  }
  const k = Math.round(x * 0.6366197723675814);
  twoSum(x, -k * PIO2_1);
  let h = R[0]!, l = R[1]!;
  twoSum(h, -k * PIO2_2);
  h = R[0]!; l += R[1]!;
  twoSum(h, -k * PIO2_3);
  h = R[0]!; l += R[1]! - k * PIO2_4;
  twoSum(h, l);
  return k;
}

/** sin and cos of a double-double |r| <= ~pi/4: sin in (sh, sl), cos in (ch, cl). */
let sh = 0, sl = 0, ch = 0, cl = 0;
function sinCosSmall(h: number, l: number): void {
  ddMul(h, l, h, l);
  const x2h = R[0]!, x2l = R[1]!;
  // sin: x * sum (-1)^n x^(2n) / (2n+1)!, cos: sum (-1)^n x^(2n) / (2n)!.
  // Terms from n = 9 on are below 2^-54 of the sum (|x| <= pi/4): their
  // Horner steps run in plain doubles.
  let ta = 0, tb = 0;
  for (let n = 14; n >= 9; n--) {
    const sign = n % 2 === 0 ? 1 : -1;
    ta = ta * x2h + sign * INV_FACT_HI[2 * n + 1]!;
    tb = tb * x2h + sign * INV_FACT_HI[2 * n]!;
  }
  let ah = ta, al = 0, bh = tb, bl = 0;
  for (let n = 8; n >= 0; n--) {
    ddMul(ah, al, x2h, x2l);
    const sign = n % 2 === 0 ? 1 : -1;
    ddAdd(R[0]!, R[1]!, sign * INV_FACT_HI[2 * n + 1]!, sign * INV_FACT_LO[2 * n + 1]!);
    ah = R[0]!; al = R[1]!;
    ddMul(bh, bl, x2h, x2l);
    ddAdd(R[0]!, R[1]!, sign * INV_FACT_HI[2 * n]!, sign * INV_FACT_LO[2 * n]!);
    bh = R[0]!; bl = R[1]!;
  }
  ddMul(ah, al, h, l);
  sh = R[0]!; sl = R[1]!;
  ch = bh; cl = bl;
}

export function sin(x: number): number {
  if (!Number.isFinite(x)) return x - x; // NaN (inf - inf for infinities)
  if (x === 0 || Math.abs(x) < 2 ** -26) return x; // sin x rounds to x
  const k = reduce(x);
  sinCosSmall(R[0]!, R[1]!);
  switch (((k % 4) + 4) % 4) {
    case 0: return sh + sl;
    case 1: return ch + cl;
    case 2: return -(sh + sl);
    default: return -(ch + cl);
  }
}

export function cos(x: number): number {
  if (!Number.isFinite(x)) return x - x;
  if (Math.abs(x) < 2 ** -27) return 1;
  const k = reduce(x);
  sinCosSmall(R[0]!, R[1]!);
  switch (((k % 4) + 4) % 4) {
    case 0: return ch + cl;
    case 1: return -(sh + sl);
    case 2: return -(ch + cl);
    default: return sh + sl;
  }
}

export function tan(x: number): number {
  if (!Number.isFinite(x)) return x - x;
  if (x === 0 || Math.abs(x) < 2 ** -27) return x;
  const k = reduce(x);
  sinCosSmall(R[0]!, R[1]!);
  if (k % 2 === 0) ddDiv(sh, sl, ch, cl);
  else ddDiv(-ch, -cl, sh, sl);
  return R[0]! + R[1]!;
}

/** sqrt of a double-double (positive), in (R[0]!, R[1]!). */
function ddSqrt(h: number, l: number): void {
  if (h <= 0) { R[0] = 0; R[1] = 0; return; }
  const s = Math.sqrt(h);
  twoProd(s, s);
  ddAdd(h, l, -R[0]!, -R[1]!);
  const corr = R[0]! / (2 * s);
  twoSum(s, corr);
}

/** atan of a double-double argument, in (R[0]!, R[1]!). */
function ddAtan(h: number, l: number): void {
  let neg = false;
  if (h < 0) { neg = true; h = -h; l = -l; }
  if (h > 2 ** 60) { // pi/2 - 1/x: the correction is below the last bit kept
    twoSum(PIO2_HI, PIO2_LO - 1 / h);
    if (neg) { R[0] = -R[0]!; R[1] = -R[1]!; }
    return;
  }
  let inv = false;
  if (h > 1) { // atan x = pi/2 - atan(1/x)
    ddDiv(1, 0, h, l);
    h = R[0]!; l = R[1]!;
    inv = true;
  }
  // halve the angle until small: atan x = 2 atan(x / (1 + sqrt(1 + x^2)))
  let doublings = 0;
  while (h > 0.03) {
    ddMul(h, l, h, l);
    ddAdd(R[0]!, R[1]!, 1, 0);
    ddSqrt(R[0]!, R[1]!);
    ddAdd(R[0]!, R[1]!, 1, 0);
    ddDiv(h, l, R[0]!, R[1]!);
    h = R[0]!; l = R[1]!;
    doublings++;
  }
  // series x - x^3/3 + x^5/5 ...
  ddMul(h, l, h, l);
  const x2h = R[0]!, x2l = R[1]!;
  let ah = 0, al = 0;
  for (let n = 12; n >= 0; n--) {
    ddMul(ah, al, x2h, x2l);
    const sign = n % 2 === 0 ? 1 : -1;
    ddAdd(R[0]!, R[1]!, sign * ODD_INV_HI[n]!, sign * ODD_INV_LO[n]!);
    ah = R[0]!; al = R[1]!;
  }
  ddMul(ah, al, h, l);
  h = R[0]! * 2 ** doublings; l = R[1]! * 2 ** doublings;
  if (inv) {
    ddAdd(PIO2_HI, PIO2_LO, -h, -l);
    h = R[0]!; l = R[1]!;
  }
  if (neg) { h = -h; l = -l; }
  R[0] = h; R[1] = l;
}

export function atan(x: number): number {
  if (x !== x) return x;
  if (x === Infinity) return PIO2_HI;
  if (x === -Infinity) return -PIO2_HI;
  if (Math.abs(x) < 2 ** -27) return x;
  ddAtan(x, 0);
  return R[0]! + R[1]!;
}

export function atan2(y: number, x: number): number {
  if (y !== y || x !== x || y === 0 || !Number.isFinite(x) || !Number.isFinite(y) || x === 0) return Math.atan2(y, x);
  const q = y / x;
  if (!(Math.abs(q) <= 2 ** 60)) return y > 0 ? PIO2_HI : -PIO2_HI; // within 2^-60 of vertical
  // atan q = q - q^3/3 + ...: below 2^-27 the correctly rounded q is the answer
  if (x > 0 && Math.abs(q) < 2 ** -27) return q;
  if (Math.abs(q) < 2 ** -1000) return Math.atan2(y, x);
  // scale both by a power of two (the angle is unchanged) so Dekker's split stays finite
  const big = Math.max(Math.abs(x), Math.abs(y));
  if (big > 2 ** 900) { x *= 2 ** -200; y *= 2 ** -200; } else if (big < 2 ** -900) { x *= 2 ** 200; y *= 2 ** 200; }
  ddDiv(y, 0, x, 0);
  const qh = R[0]!, ql = R[1]!;
  ddAtan(qh, ql);
  if (x < 0) {
    if (y >= 0) ddAdd(R[0]!, R[1]!, PI_HI, PI_LO);
    else ddAdd(R[0]!, R[1]!, -PI_HI, -PI_LO);
  }
  return R[0]! + R[1]!;
}

/** asin of |x| < 1 as a double-double in (R[0]!, R[1]!): atan(x / sqrt((1 - x)(1 + x))). */
function ddAsin(x: number): void {
  twoSum(1, -x);
  const ah = R[0]!, al = R[1]!;
  twoSum(1, x);
  ddMul(ah, al, R[0]!, R[1]!);
  ddSqrt(R[0]!, R[1]!);
  ddDiv(x, 0, R[0]!, R[1]!);
  ddAtan(R[0]!, R[1]!);
}

export function asin(x: number): number {
  if (x !== x || Math.abs(x) > 1) return NaN;
  if (Math.abs(x) < 2 ** -26) return x;
  if (Math.abs(x) === 1) return x * PIO2_HI;
  ddAsin(x);
  return R[0]! + R[1]!;
}

export function acos(x: number): number {
  if (x !== x || Math.abs(x) > 1) return NaN;
  if (x === 1) return 0;
  if (x === -1) return PI_HI;
  // acos x = pi/2 - asin x
  if (Math.abs(x) < 2 ** -57) return PIO2_HI;
  ddAsin(x);
  ddAdd(PIO2_HI, PIO2_LO, -R[0]!, -R[1]!);
  return R[0]! + R[1]!;
}
