// exp, log, log10 and pow rounded as glibc rounds them (its versions are
// correctly rounded in all but vanishingly rare cases), where V8's fdlibm
// ports are off by one ulp for a few percent of arguments. Computed in
// double-double arithmetic (about 104 bits), then rounded once.
//
// Invariant: a double-double (hi, lo) has |lo| <= ulp(hi) / 2, so hi is the
// nearest double to hi + lo.

// ---- double-double primitives ---------------------------------------------

const SPLITTER = 134217729; // 2^27 + 1, Dekker's split

let rh = 0, rl = 0; // result registers of the primitives below (no allocation)

function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  rl = (a - (s - bb)) + (b - bb);
  rh = s;
}

function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b), bl = b - bh;
  rl = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  rh = p;
}

/** (ah, al) + (bh, bl) */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const sh = rh, sl = rl;
  twoSum(al, bl);
  const th = rh, tl = rl;
  let v = sl + th;
  twoSum(sh, v);
  v = rl + tl;
  twoSum(rh, v);
}

/** (ah, al) * (bh, bl) */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const ph = rh;
  const pl = rl + (ah * bl + al * bh);
  twoSum(ph, pl);
}

/** (ah, al) / (bh, bl): q1 = a/b, then the remainder's quotient as the low part. */
function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  ddMul(q1, 0, bh, bl);
  ddAdd(ah, al, -rh, -rl);
  const q2 = rh / bh;
  twoSum(q1, q2);
}

// ln 2 as a triple (digits from a 80-digit decimal expansion): HI has 32
// significant bits so k * LN2_HI is exact; k * LN2_MID is taken exactly.
const LN2_HI = 0.6931471803691238; // 0x3FE62E42FEE00000
const LN2_MID = 1.9082149292705877e-10;
const LN2_LO = 1.1612227229362532e-26;
const LN2_DD_HI = 0.6931471805599453, LN2_DD_LO = 2.3190468138462996e-17;

// 1/n! for the exp series, as double-doubles (computed once in double-double)
const INV_FACT_HI: number[] = [];
const INV_FACT_LO: number[] = [];
{
  let h = 1, l = 0;
  for (let n = 0; n <= 30; n++) {
    if (n > 0) {
      ddDiv(h, l, n, 0);
      h = rh; l = rl;
    }
    INV_FACT_HI.push(h);
    INV_FACT_LO.push(l);
  }
}

/** exp of a double-double argument with |a| <= ~0.36, result in (rh, rl). */
function ddExpSmall(ah: number, al: number): void {
  // Horner on the Taylor series: sum a^n / n!
  let h = INV_FACT_HI[27]!, l = INV_FACT_LO[27]!;
  for (let n = 26; n >= 0; n--) {
    ddMul(h, l, ah, al);
    ddAdd(rh, rl, INV_FACT_HI[n]!, INV_FACT_LO[n]!);
    h = rh; l = rl;
  }
  rh = h; rl = l;
}

/** exp(ah + al) as a double-double scaled by 2^k: returns k, value in (rh, rl). */
function ddExp(ah: number, al: number): number {
  const k = Math.round(ah / LN2_DD_HI);
  // r = a - k*ln2, with ln2 split so the products are exact
  twoSum(ah, -k * LN2_HI);
  let h = rh, l = rl + al;
  twoProd(-k, LN2_MID);
  ddAdd(h, l, rh, rl - k * LN2_LO);
  h = rh; l = rl;
  // halve the argument 8 times and square back, so the series converges fast
  h = h / 256; l = l / 256;
  ddExpSmall(h, l);
  for (let i = 0; i < 8; i++) ddMul(rh, rl, rh, rl);
  return k;
}

/**
 * 2^k * (h + l) rounded once. h is already h + l rounded, so a normal result
 * is an exact scaling; a subnormal one is rounded on the subnormal grid
 * (units of 2^-1074) from both parts, so the low part can break a tie.
 */
function scaleRound(h: number, l: number, k: number): number {
  if (k >= -1021) { // h >= 0.5 here, so the result is normal (or overflows)
    if (k > 1023) return h * 2 ** 1023 * 2 ** (k - 1023);
    return h * 2 ** k;
  }
  if (k < -1130) return 0;
  const sc = 2 ** (k + 1074); // the result's ulp becomes 1
  twoSum(h * sc, l * sc);
  let n = Math.floor(rh);
  let frac = (rh - n) + rl;
  while (frac < 0) { n--; frac++; }
  while (frac >= 1) { n++; frac--; }
  if (frac > 0.5 || (frac === 0.5 && n % 2 !== 0)) n++;
  return n * 2 ** -1074;
}

/** exp(x) as glibc rounds it. */
export function exp(x: number): number {
  if (x !== x) return x;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  if (x === 0) return 1;
  const k = ddExp(x, 0);
  return scaleRound(rh, rl, k);
}

// 1/(2i+1) as double-doubles for the atanh series
const ODD_INV_HI: number[] = [];
const ODD_INV_LO: number[] = [];
for (let i = 0; i <= 30; i++) {
  ddDiv(1, 0, 2 * i + 1, 0);
  ODD_INV_HI.push(rh);
  ODD_INV_LO.push(rl);
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** log of a finite x > 0 as a double-double in (rh, rl). */
function ddLog(x: number): void {
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2)), read from the bits
  let e = 0;
  if (x < 2.2250738585072014e-308) { x *= 2 ** 54; e = -54; }
  f64[0] = x;
  const hi = u32[HI]!;
  e += ((hi >>> 20) & 0x7ff) - 1023;
  u32[HI] = (hi & 0x800fffff) | (1023 << 20);
  let m = f64[0]!;
  if (m >= Math.SQRT2) { m /= 2; e++; }
  // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716
  twoSum(m, -1);
  const nh = rh, nl = rl;
  twoSum(m, 1);
  ddDiv(nh, nl, rh, rl);
  const sh = rh, sl = rl;
  ddMul(sh, sl, sh, sl);
  const s2h = rh, s2l = rl;
  // sum_{i=0..30} s^(2i) / (2i + 1) by Horner
  let h = ODD_INV_HI[30]!, l = ODD_INV_LO[30]!;
  for (let i = 29; i >= 0; i--) {
    ddMul(h, l, s2h, s2l);
    ddAdd(rh, rl, ODD_INV_HI[i]!, ODD_INV_LO[i]!);
    h = rh; l = rl;
  }
  ddMul(h, l, sh, sl);
  const lh = 2 * rh, ll = 2 * rl;
  ddMul(e, 0, LN2_DD_HI, LN2_DD_LO);
  ddAdd(rh, rl, lh, ll);
}

/** log(x) as glibc rounds it. */
export function log(x: number): number {
  if (x !== x) return x;
  if (x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  if (x === 1) return 0;
  ddLog(x);
  return rh + rl;
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

/** |x|^y for finite x > 0 and finite y, as exp(y log x) in double-double. */
export function powPositive(x: number, y: number): number {
  ddLog(x);
  let lh = rh, ll = rl;
  const approx = lh * y;
  if (approx > 709.8) return Infinity;
  if (approx < -745.2) return 0;
  if (Math.abs(y) > 2 ** 900) { // keep Dekker's split of y finite
    y *= 2 ** -200;
    lh *= 2 ** 200;
    ll *= 2 ** 200;
  }
  ddMul(lh, ll, y, 0);
  const ah = rh, al = rl;
  if (ah > 709.79) return Infinity;
  if (ah < -745.2) return 0;
  const k = ddExp(ah, al);
  return scaleRound(rh, rl, k);
}

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
