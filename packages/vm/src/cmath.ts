// C's pow() as glibc computes it, for the VM's `^` (and its constant
// folding) and for math.pow: glibc's pow is within 0.52 ulp, nearly always
// the correctly rounded result, while V8's Math.pow is an ulp off for ~11%
// of arguments. So x^y is exp(y log x) in double-double arithmetic (about
// 104 bits) rounded once, plus C99's special cases and glibc's NaN signs.
// It lives in the VM because the VM cannot import the stdlib; the stdlib
// imports it from here, and so does its exact math (stdlib dd-math.ts),
// which builds exp, log and the trigonometry on the double-double kernel
// exported below: one kernel, one set of result registers (R).
//
// Invariant: a double-double (hi, lo) has |lo| <= ulp(hi) / 2, so hi is the
// nearest double to hi + lo.

const SPLITTER = 134217729; // 2^27 + 1, Dekker's split

// Result registers of the primitives below: a Float64Array keeps the two
// doubles unboxed (module-level lets would box a HeapNumber per write).
export const R = new Float64Array(2);

export function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  R[1] = (a - (s - bb)) + (b - bb);
  R[0] = s;
}

export function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b), bl = b - bh;
  R[1] = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  R[0] = p;
}

/** (ah, al) + (bh, bl) */
export function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const sh = R[0]!, sl = R[1]!;
  twoSum(al, bl);
  const th = R[0]!, tl = R[1]!;
  let v = sl + th;
  twoSum(sh, v);
  v = R[1]! + tl;
  twoSum(R[0]!, v);
}

/** (ah, al) * (bh, bl) */
export function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const ph = R[0]!;
  const pl = R[1]! + (ah * bl + al * bh);
  twoSum(ph, pl);
}

/** (ah, al) / (bh, bl): q1 = a/b, then the remainder's quotient as the low part. */
export function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  ddMul(q1, 0, bh, bl);
  ddAdd(ah, al, -R[0]!, -R[1]!);
  const q2 = R[0]! / bh;
  twoSum(q1, q2);
}

// ln 2 as a triple (digits from a 80-digit decimal expansion): HI has 32
// significant bits so k * LN2_HI is exact; k * LN2_MID is taken exactly.
const LN2_HI = 0.6931471803691238; // 0x3FE62E42FEE00000
const LN2_MID = 1.9082149292705877e-10;
const LN2_LO = 1.1612227229362532e-26;
const LN2_DD_HI = 0.6931471805599453, LN2_DD_LO = 2.3190468138462996e-17;

// 1/n! for the exp series, as double-doubles (computed once in double-double)
export const INV_FACT_HI: number[] = [];
export const INV_FACT_LO: number[] = [];
{
  let h = 1, l = 0;
  for (let n = 0; n <= 30; n++) {
    if (n > 0) {
      ddDiv(h, l, n, 0);
      h = R[0]!; l = R[1]!;
    }
    INV_FACT_HI.push(h);
    INV_FACT_LO.push(l);
  }
}

/**
 * Horner's scheme for the sum of c[n] x^n, n = top..0, at x = (xh, xl),
 * result in (R[0]!, R[1]!): the steps for n > split (terms too small to
 * need it) in plain doubles on the high parts, the rest in double-double.
 */
function ddHorner(cHi: readonly number[], cLo: readonly number[], top: number, split: number, xh: number, xl: number): void {
  let t = 0;
  for (let n = top; n > split; n--) t = t * xh + cHi[n]!;
  let h = t, l = 0;
  for (let n = split; n >= 0; n--) {
    ddMul(h, l, xh, xl);
    ddAdd(R[0]!, R[1]!, cHi[n]!, cLo[n]!);
    h = R[0]!; l = R[1]!;
  }
  R[0] = h; R[1] = l;
}

/** exp of a double-double argument with |a| <= 0.011, result in (R[0]!, R[1]!). */
function ddExpSmall(ah: number, al: number): void {
  // The Taylor series sum a^n / n! (a^14/14! < 2^-120 here); the terms from
  // a^7 on are below 2^-58 of the sum, so their steps run in doubles.
  ddHorner(INV_FACT_HI, INV_FACT_LO, 14, 6, ah, al);
}

/** exp(ah + al) as a double-double scaled by 2^k: returns k, value in (R[0]!, R[1]!). */
export function ddExp(ah: number, al: number): number {
  const k = Math.round(ah / LN2_DD_HI);
  // r = a - k*ln2, with ln2 split so the products are exact
  twoSum(ah, -k * LN2_HI);
  let h = R[0]!, l = R[1]! + al;
  twoProd(-k, LN2_MID);
  ddAdd(h, l, R[0]!, R[1]! - k * LN2_LO);
  h = R[0]!; l = R[1]!;
  // divide the argument by 32 and square back 5 times, so the series converges fast
  h = h / 32; l = l / 32;
  ddExpSmall(h, l);
  for (let i = 0; i < 5; i++) ddMul(R[0]!, R[1]!, R[0]!, R[1]!);
  return k;
}

/**
 * 2^k * (h + l) rounded once. h is already h + l rounded, so a normal result
 * is an exact scaling; a subnormal one is rounded on the subnormal grid
 * (units of 2^-1074) from both parts, so the low part can break a tie.
 */
export function scaleRound(h: number, l: number, k: number): number {
  if (k >= -1021) { // h >= 0.5 here, so the result is normal (or overflows)
    if (k > 1023) return h * 2 ** 1023 * 2 ** (k - 1023);
    return h * 2 ** k;
  }
  if (k < -1130) return 0;
  const sc = 2 ** (k + 1074); // the result's ulp becomes 1
  twoSum(h * sc, l * sc);
  let n = Math.floor(R[0]!);
  let frac = (R[0]! - n) + R[1]!;
  while (frac < 0) { n--; frac++; }
  while (frac >= 1) { n++; frac--; }
  if (frac > 0.5 || (frac === 0.5 && n % 2 !== 0)) n++;
  return n * 2 ** -1074;
}

// 1/(2i+1) as double-doubles for the atanh series
export const ODD_INV_HI: number[] = [];
export const ODD_INV_LO: number[] = [];
for (let i = 0; i <= 30; i++) {
  ddDiv(1, 0, 2 * i + 1, 0);
  ODD_INV_HI.push(R[0]!);
  ODD_INV_LO.push(R[1]!);
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** log of a finite x > 0 as a double-double in (R[0]!, R[1]!). */
export function ddLog(x: number): void {
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
  const nh = R[0]!, nl = R[1]!;
  twoSum(m, 1);
  ddDiv(nh, nl, R[0]!, R[1]!);
  const sh = R[0]!, sl = R[1]!;
  ddMul(sh, sl, sh, sl);
  const s2h = R[0]!, s2l = R[1]!;
  // sum_{i=0..24} s^(2i) / (2i + 1) by Horner (s^50 < 2^-127); terms from
  // i = 11 on are below 2^-55 of the sum, so those steps run in doubles
  ddHorner(ODD_INV_HI, ODD_INV_LO, 24, 10, s2h, s2l);
  ddMul(R[0]!, R[1]!, sh, sl);
  const lh = 2 * R[0]!, ll = 2 * R[1]!;
  ddMul(e, 0, LN2_DD_HI, LN2_DD_LO);
  ddAdd(R[0]!, R[1]!, lh, ll);
}

// Fast paths of powPositive. Each computes x^y in double-double and returns
// it rounded only when it is provably what the slow path (powGeneral) would
// return; else the slow path runs. The slow path is exp(y log x) with a
// relative error below SLOW_ERR * (1 + |y ln x|): it rounds correctly
// except when the exact x^y lies that close to a rounding boundary, and
// there it may round either way (as glibc's pow, within 0.52 ulp, may:
// lua5.1 prints 2.225073858507203e-308 ^ 0.5 as 1.491668146240042e-154,
// the slow path's value, while the correctly rounded sqrt ends in ...0417).
// So a fast path's result counts only when the interval around it that
// holds both the exact value and the slow path's approximation rounds to
// one double (`roundOrFail`). A one-off run of 4 million random pairs
// against the slow path and lua5.1 found no difference from the slow path;
// test/cmath.test.ts keeps a sampled property.
/** Relative error bound of the fast paths' double-double (at most ~14
 *  products or quotients of ~2^-104 each, with ample margin). */
const FAST_ERR = 2 ** -96;
/** The slow path's error bound is SLOW_ERR * (1 + |y ln x|): ddLog's
 *  absolute error (~2^-105 |ln x|) scaled by y, the series and the 5
 *  squarings of ddExp (~2^-99), with margin. */
const SLOW_ERR = 2 ** -94;
/** Fast paths keep operands and results in [2^-900, 2^900]: Dekker's split
 *  stays finite and no partial product underflows, so each step is exact
 *  to 2^-104. */
const FAST_MIN = 2 ** -900, FAST_MAX = 2 ** 900;
/** Integer (or half-integer) exponents up to this use repeated squaring. */
const FAST_MAX_Y = 64;

/**
 * h + l rounded once when every value within rel * |h| of it rounds to the
 * same double; else NaN. Rounding is monotone, so it is enough that both
 * ends of the interval round alike. The two sums are rounded themselves,
 * but e (at least 2^-94 |h|) dwarfs the rounding error of l +- e (under
 * 2^-106 |h|).
 */
function roundOrFail(h: number, l: number, rel: number): number {
  const e = rel * Math.abs(h);
  const lo = h + (l - e);
  return lo === h + (l + e) ? lo : NaN;
}

/** The interval (relative) that must round alike for powSmall's x^y to be
 *  the slow path's: x^|y| is within [2^-900, 2^900] there, so |y ln x| <= 624. */
const SMALL_WINDOW = FAST_ERR + SLOW_ERR * (1 + 900 * Math.LN2);

/** x^n in double-double for finite x > 0 and integer 0 <= n, into R. */
function ddPowInt(x: number, n: number): void {
  let bh = x, bl = 0, rh = 1, rl = 0;
  for (;;) {
    if ((n & 1) !== 0) {
      ddMul(rh, rl, bh, bl);
      rh = R[0]!; rl = R[1]!;
    }
    n >>>= 1;
    if (n === 0) break;
    ddMul(bh, bl, bh, bl);
    bh = R[0]!; bl = R[1]!;
  }
  R[0] = rh; R[1] = rl;
}

/** sqrt(x) in double-double for finite x > 0 (one Newton step on the exact residual), into R. */
function ddSqrt(x: number): void {
  const s = Math.sqrt(x);
  twoProd(s, s);
  const r = (x - R[0]!) - R[1]!;
  R[0] = s;
  R[1] = r / (2 * s);
}

/**
 * x^y for x > 0 and y an integer or half-integer with 0 < |y| <= 64, or
 * NaN when the fast path cannot decide: x^|n| * sqrt(x)^half by repeated
 * squaring, inverted for y < 0, all in double-double.
 */
function powSmall(x: number, y: number): number {
  const ay = Math.abs(y);
  const n = Math.floor(ay);
  let h = x, l = 0;
  if (n !== 1) {
    ddPowInt(x, n);
    h = R[0]!; l = R[1]!;
  }
  if (ay !== n) { // a half-integer: times sqrt(x)
    ddSqrt(x);
    if (n === 0) {
      h = R[0]!; l = R[1]!;
    } else {
      ddMul(h, l, R[0]!, R[1]!);
      h = R[0]!; l = R[1]!;
    }
  }
  if (!(h >= FAST_MIN && h <= FAST_MAX)) return NaN;
  if (y < 0) {
    ddDiv(1, 0, h, l);
    h = R[0]!; l = R[1]!;
  }
  return roundOrFail(h, l, SMALL_WINDOW);
}

/** |x|^y for finite x > 0 and finite y: exp(y log x) in double-double, rounded once. */
export function powPositive(x: number, y: number): number {
  // exact powers of two: any pow within an ulp returns them
  if (x === 2 && Number.isInteger(y) && y >= -1074 && y <= 1023) return exp2Int(y);
  if (Math.abs(y) <= FAST_MAX_Y && Number.isInteger(2 * y) && x >= FAST_MIN && x <= FAST_MAX) {
    // sqrt (y = 0.5), 1/x (y = -1), x^3, x^1.5, 10^-6 ...
    const r = powSmall(x, y);
    if (r === r) return r;
  }
  if (Math.abs(y) <= TABLE_MAX_Y && x >= 2.2250738585072014e-308) {
    if (!tablesReady) initTables();
    const r = powTable(x, y);
    if (r === r) return r;
  }
  return powGeneral(x, y);
}

// The table-driven first try for any other y: log x = e ln2 - log c + log1p(m c - 1)
// with c from a table so that |m c - 1| < 2^-8.4, and exp z = 2^(k/128)
// (a table) times exp(t), |t| <= ln2/256, both short series in plain
// doubles around double-double sums: about 2^-68 relative error (plus |y|
// 2^-69), against 2^-100 for the slow path, which gets the few results
// that this cannot round for sure.
/** Table steps per unit of the mantissa (log) and per doubling (exp). */
const LOG_STEPS = 256, EXP_STEPS = 128;
/** log table index offset: m in [sqrt(1/2), sqrt(2)) gives round((m - 1) * 256) in [-75, 106]. */
const LOG_OFF = 80;
const LOG_C: number[] = [], LOG_HI: number[] = [], LOG_LO: number[] = [];
/** 2^(j/128) for j = 0..127 as double-doubles. */
const EXP2_HI: number[] = [], EXP2_LO: number[] = [];
let tablesReady = false;

/** Fills the tables from the slow path's log and exp, at the first use
 *  (a few milliseconds of cold code that most scripts never need). */
function initTables(): void {
  for (let i = -LOG_OFF; i <= 110; i++) {
    const c = 1 / (1 + i / LOG_STEPS); // rounded: log(c) is taken of the rounded c
    ddLog(c);
    LOG_C.push(c);
    LOG_HI.push(R[0]!);
    LOG_LO.push(R[1]!);
  }
  for (let j = 0; j < EXP_STEPS; j++) {
    ddMul(LN2_DD_HI, LN2_DD_LO, j / EXP_STEPS, 0);
    const k = ddExp(R[0]!, R[1]!); // k = 0 or 1 here
    EXP2_HI.push(R[0]! * 2 ** k);
    EXP2_LO.push(R[1]! * 2 ** k);
  }
  tablesReady = true;
}
/** ln2 - LN2_HI (to 2^-85): e LN2_REST errs by under 2^-74 for |e| < 1100. */
const LN2_REST = LN2_MID + LN2_LO;
/** ln2/128 in three parts: HI has 25 bits so k * HI is exact for |k| < 2^28. */
const LN2_128_HI = LN2_HI / EXP_STEPS, LN2_128_MID = LN2_MID / EXP_STEPS, LN2_128_LO = LN2_LO / EXP_STEPS;
/** Exponents beyond this go to the slow path (the log's error grows with |y|). */
const TABLE_MAX_Y = 2 ** 20;
/** The table path's relative error bound: about 2^-68 from the exp series
 *  (q in doubles, |q| < 2^-18) and sums, plus |y| times about 2^-70 (the
 *  log1p tail in doubles, |tail| < 2^-17.8, and the rounding of y lowL).
 *  In one-off runs of 4 million random pairs, windows of 2^-72 (+ |y| 2^-72)
 *  let 6 results differ from the slow path, 2^-70 none; 2^-62 + |y| 2^-63
 *  leaves a margin of 2^8. About 1 call in 150 falls back. */
const TABLE_ERR = 2 ** -62, TABLE_ERR_Y = 2 ** -63;

/**
 * x^y for normal x > 0 and |y| <= 2^20 whose result is a normal double,
 * or NaN when the table path cannot decide (see roundOrFail).
 */
function powTable(x: number, y: number): number {
  // x = 2^e m, m in [sqrt(1/2), sqrt(2))
  f64[0] = x;
  const hiw = u32[HI]!;
  let e = ((hiw >>> 20) & 0x7ff) - 1023;
  u32[HI] = (hiw & 0x800fffff) | (1023 << 20);
  let m = f64[0]!;
  if (m >= Math.SQRT2) { m *= 0.5; e++; }
  const i = Math.round((m - 1) * LOG_STEPS) + LOG_OFF;
  const c = LOG_C[i]!;
  // r = m c - 1 exactly, as rh + rl (m c is within 2^-8 of 1: p - 1 is exact)
  twoProd(m, c);
  const rh = R[0]! - 1, rl = R[1]!;
  const r = rh + rl;
  // log1p(r) - r, to degree 9 (|r|^10 / 10 < 2^-87)
  const tail = r * r * (-0.5 + r * (1 / 3 + r * (-0.25 + r * (0.2 + r * (-1 / 6 + r * (1 / 7 + r * (-0.125 + r / 9)))))));
  // L = e ln2 - log c + r + tail as s + low: e LN2_HI is exact (32 bits
  // times |e| < 1100), the two larger sums are error-free, the rest is small
  twoSum(e * LN2_HI, -LOG_HI[i]!);
  const s1 = R[0]!, err1 = R[1]!;
  twoSum(s1, rh);
  const lowL = R[1]! + err1 + e * LN2_REST - LOG_LO[i]! + rl + tail;
  // z = y L, normalised so that k below comes from all of z (|y lowL| can
  // reach 0.05: with k from the high part alone t left the series' range)
  twoProd(y, R[0]!);
  const zh0 = R[0]!, zl0 = R[1]! + y * lowL;
  const zh = zh0 + zl0, zl = zl0 - (zh - zh0);
  if (!(zh >= -707 && zh <= 707)) return NaN; // results near the subnormals or overflow
  // z = k ln2/128 + t
  const k = Math.round(zh * (EXP_STEPS / LN2_DD_HI));
  twoSum(zh - k * LN2_128_HI, -k * LN2_128_MID);
  const th = R[0]!, tl = R[1]! + zl - k * LN2_128_LO;
  const t = th + tl;
  // exp(t) - 1 - t, to degree 7 (|t|^8 / 8! < 2^-83)
  const q = t * t * (0.5 + t * (1 / 6 + t * (1 / 24 + t * (1 / 120 + t * (1 / 720 + t / 5040)))));
  // 2^(j/128) (1 + th + tl + q)
  const j = k & (EXP_STEPS - 1);
  const Th = EXP2_HI[j]!, Tl = EXP2_LO[j]!;
  twoProd(Th, th);
  const p = R[0]!, low = R[1]! + Th * (tl + q) + Tl + Tl * t;
  twoSum(Th, p);
  const h = R[0]!, l = R[1]! + low;
  const rel = TABLE_ERR + TABLE_ERR_Y * Math.abs(y) + SLOW_ERR * (1 + Math.abs(zh));
  const rounded = roundOrFail(h, l, rel);
  // 2^((k - j)/128) scales exactly: the result is normal
  return rounded * exp2Int((k - j) / EXP_STEPS);
}

/** 2^n, exactly, for an integer -1074 <= n <= 1023. */
function exp2Int(n: number): number {
  if (n >= -1022) {
    f64[0] = 0;
    u32[HI] = (n + 1023) << 20;
    return f64[0]!;
  }
  // subnormal: 2^(n + 1074) times the smallest subnormal, both exact
  f64[0] = 0;
  u32[HI] = (n + 1074 + 1023) << 20;
  return f64[0]! * 5e-324;
}

/** powPositive without its fast paths. */
export function powGeneral(x: number, y: number): number {
  ddLog(x);
  let lh = R[0]!, ll = R[1]!;
  const approx = lh * y;
  if (approx > 709.8) return Infinity;
  if (approx < -745.2) return 0;
  if (Math.abs(y) > 2 ** 900) { // keep Dekker's split of y finite
    y *= 2 ** -200;
    lh *= 2 ** 200;
    ll *= 2 ** 200;
  }
  ddMul(lh, ll, y, 0);
  const ah = R[0]!, al = R[1]!;
  if (ah > 709.79) return Infinity;
  if (ah < -745.2) return 0;
  const k = ddExp(ah, al);
  return scaleRound(R[0]!, R[1]!, k);
}

// glibc computes an invalid result as 0/0, whose NaN has the sign bit set on
// x86-64 (lua5.1: math.fmod(5, 0) prints -nan).
const nanF64 = new Float64Array(1);
const u8 = new Uint8Array(nanF64.buffer);
const SIGN_BYTE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 7 : 0;
nanF64[0] = NaN;
u8[SIGN_BYTE] = u8[SIGN_BYTE]! | 0x80;
/** The NaN glibc produces for an invalid operation (sign bit set). */
export const NEG_NAN = nanF64[0]!;
nanF64[0] = NaN;
u8[SIGN_BYTE] = u8[SIGN_BYTE]! & 0x7f;
/** A NaN with the sign bit clear (what log10(-1), acos(2) and fabs(nan) give). */
export const POS_NAN = nanF64[0]!;

/** C99 pow: the cases where it is defined but JS's Math.pow answers NaN. */
export function cPow(x: number, y: number): number {
  // x*x is the correctly rounded square, which is what powPositive computes
  // too (and NaN keeps its sign under an even exponent): the common x^2
  // without the double-double work.
  if (y === 2 && x === x) return x * x;
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

function isOddInteger(y: number): boolean {
  return Number.isInteger(y) && Math.abs(y) < 9007199254740992 && Math.abs(y % 2) === 1;
}

function signBitSet(x: number): boolean {
  nanF64[0] = x;
  return (u8[SIGN_BYTE]! & 0x80) !== 0;
}
