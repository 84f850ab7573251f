// C's printf("%.<prec>g") for finite doubles, as glibc prints them: the
// exact binary value rounded to `prec` significant digits with ties to even
// (JS's toExponential/toPrecision round exact ties up instead: glibc prints
// 123456789012345 with "%.14g" as 1.2345678901234e+14, JS as ...235e+14).
// cjson formats every number with it at its configured precision (1..14).

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/** Does the decimal digits·10^q equal the positive double x exactly? */
function decimalEquals(x: number, digits: string, q: number): boolean {
  f64[0] = x;
  const hi = u32[1 - LO]!;
  const lo = u32[LO]!;
  const bexp = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let k: number;
  if (bexp === 0) k = -1074;
  else {
    m |= 1n << 52n;
    k = bexp - 1075;
  }
  // digits·10^q  ==  m·2^k, both sides scaled to integers.
  let left = BigInt(digits);
  let right = m;
  if (q >= 0) left *= 10n ** BigInt(q);
  else right *= 10n ** BigInt(-q);
  if (k >= 0) right <<= BigInt(k);
  else left <<= BigInt(-k);
  return left === right;
}

/** Splits JS exponential notation "d.ddde+X" into digits and exponent. */
function splitExp(s: string): [string, number] {
  const e = s.indexOf('e');
  const digits = s.length > 1 && s.charCodeAt(1) === 46 ? s[0]! + s.slice(2, e) : s.slice(0, e);
  return [digits, Number(s.slice(e + 1))];
}

/** printf("%.<prec>g", x) for a finite x; prec in 1..17. */
export function formatG(x: number, prec: number): string {
  if (x === 0) return 1 / x < 0 ? '-0' : '0';
  // Integers with at most prec digits print as themselves.
  if (Number.isInteger(x) && x < 1e14 && x > -1e14 && Math.abs(x) < 10 ** prec) return String(x);
  const neg = x < 0;
  const ax = neg ? -x : x;
  if (ax >= 1e-4 && ax < 1e15) {
    const f = fixedG(ax, prec);
    if (f !== undefined) return neg ? '-' + f : f;
  }
  return formatSlow(ax, neg, prec);
}

/** 10^0 .. 10^22, every one exact. */
const POW10: number[] = [1];
for (let k = 1; k <= 22; k++) POW10.push(POW10[k - 1]! * 10);

/**
 * %.<prec>g of ax in [1e-4, 1e15) with prec <= 14, by one scaling (false
 * when it cannot tell; the digits are left in SCALED). With X = floor(log10 ax) and k = prec - 1 - X, the digits are
 * ax * 10^k rounded to an integer r (round half even, on the exact value).
 * 10^k is exact (|k| <= 17), so y = ax * 10^k (or ax / 10^-k) is one
 * rounding of the exact product, off by at most half an ulp of y: below
 * 0.008 for y < 2^47 > 10^14. Unless y's fraction is within 0.02 of a half,
 * the exact product rounds as y does, ties included (a tie has fraction
 * exactly .5, and goes to formatSlow). r must have prec digits (else
 * log10 was off by one; formatSlow), or be 10^prec (rounded up to the next
 * power of ten). %g then writes r's digits at its exponent, in fixed
 * notation for exponents -4 .. prec-1, with trailing zeros dropped.
 */
export function scaledDigits(ax: number, prec: number): boolean {
  if (prec > 14) return false;
  let x = Math.floor(Math.log10(ax));
  const k = prec - 1 - x;
  const y = k >= 0 ? ax * POW10[k]! : ax / POW10[-k]!;
  const whole = Math.floor(y);
  const frac = y - whole;
  if (frac > 0.48 && frac < 0.52) return false;
  let r = frac > 0.5 ? whole + 1 : whole;
  const lo = POW10[prec - 1]!;
  const hi = POW10[prec]!;
  if (r < lo || r > hi) return false;
  if (r === hi) {
    r = lo;
    x++;
  }
  if (x < -4 || x >= prec) return false;
  SCALED.r = r;
  SCALED.x = x;
  return true;
}

/** scaledDigits' result: the prec-digit integer and its decimal exponent. */
export const SCALED = { r: 0, x: 0 };

/** fixedG as a string. */
function fixedG(ax: number, prec: number): string | undefined {
  if (!scaledDigits(ax, prec)) return undefined;
  const d = String(SCALED.r);
  const x = SCALED.x;
  let end = prec;
  while (end > 1 && d.charCodeAt(end - 1) === 48) end--;
  if (x < 0) return '0.' + ZEROS.slice(0, -x - 1) + d.slice(0, end);
  if (end <= x + 1) return d.slice(0, x + 1);
  return d.slice(0, x + 1) + '.' + d.slice(x + 1, end);
}

const ZEROS = '0000000000000000000000';

/** formatG for a nonzero, non-integer or large |x| = ax (`neg`: x < 0). */
function formatSlow(ax: number, neg: boolean, prec: number): string {
  // JS's shortest round-trip form S of x. If S has at most `prec`
  // significant digits, the exact value rounds to those same digits (it is
  // within half an ulp of S, far less than half a unit of the last digit);
  // in [1e-4, 1e15) JS writes S in fixed notation just as %g does.
  const short = String(ax);
  // Significant digits of S: first to last non-zero digit.
  let sig = 0;
  let pending = 0; // zeros seen since the last non-zero digit
  let intDigits = -1;
  for (let i = 0; i < short.length; i++) {
    const c = short.charCodeAt(i);
    if (c === 101) break; // 'e'
    if (c === 46) intDigits = i;
    else if (c === 48) {
      if (sig > 0) pending++;
    } else {
      sig += pending + 1;
      pending = 0;
    }
  }
  if (ax >= 1e-4 && ax < 1e15) {
    if (intDigits < 0) intDigits = short.length;
    if (sig <= prec && (ax < 1 || intDigits <= prec)) return neg ? '-' + short : short;
  }
  // No tie possible (see below) and a fixed-notation result: toPrecision
  // rounds the exact value as printf does; %g then drops trailing zeros.
  if (sig !== prec + 1 && ax >= 1e-4 && ax < 1e15) {
    const t = ax.toPrecision(prec);
    if (t.indexOf('e') < 0) {
      let end = t.length;
      if (t.indexOf('.') >= 0) {
        while (t.charCodeAt(end - 1) === 48) end--;
        if (t.charCodeAt(end - 1) === 46) end--;
      }
      const f = end === t.length ? t : t.slice(0, end);
      return neg ? '-' + f : f;
    }
  }
  let [digits, exp] = splitExp(ax.toExponential(prec - 1));
  // An exact tie at `prec` digits means x is exactly a decimal of prec+1
  // digits ending in 5, and then S is that decimal: only then can JS's
  // round-half-up differ from glibc's round-half-even.
  if (sig === prec + 1) {
    const longer = ax.toExponential(prec);
    if (longer.charCodeAt(longer.indexOf('e') - 1) === 53) {
      const [ld, lexp] = splitExp(longer);
      if (decimalEquals(ax, ld, lexp - prec)) {
        const truncated = ld.slice(0, prec);
        if (((truncated.charCodeAt(prec - 1) - 48) & 1) === 0) {
          digits = truncated;
          exp = lexp;
        }
      }
    }
  }
  let out: string;
  if (exp < -4 || exp >= prec) {
    let mant = digits[0]!;
    let frac = digits.slice(1);
    let end = frac.length;
    while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
    frac = frac.slice(0, end);
    if (frac.length > 0) mant += '.' + frac;
    const ae = exp < 0 ? -exp : exp;
    out = mant + (exp < 0 ? 'e-' : 'e+') + (ae < 10 ? '0' : '') + ae;
  } else {
    let all: string;
    let point: number;
    if (exp >= 0) {
      all = digits;
      point = exp + 1;
    } else {
      all = '0'.repeat(-exp) + digits;
      point = 1;
    }
    let end = all.length;
    while (end > point && all.charCodeAt(end - 1) === 48) end--;
    out = end > point ? all.slice(0, point) + '.' + all.slice(point, end) : all.slice(0, point);
  }
  return neg ? '-' + out : out;
}
