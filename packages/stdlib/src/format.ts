// C printf conversions as glibc performs them, for string.format: integers
// (d i o u x X c), doubles (e E f g G) with flags, width and precision.
//
// Doubles are expanded exactly (a double is m * 2^e, an exact binary fraction)
// with BigInt and rounded half-to-even on the exact value, which is what glibc
// does in the default rounding mode; JS toFixed/toExponential round exact
// ties away from zero ((2.5).toFixed(0) is "3", glibc prints "2").

export const FLAG_MINUS = 1, FLAG_PLUS = 2, FLAG_SPACE = 4, FLAG_HASH = 8, FLAG_ZERO = 16;

/** A parsed conversion spec; `precision` is -1 when absent. */
export interface FormatSpec {
  flags: number;
  width: number;
  precision: number;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Index of the high word: little-endian hosts keep it at 1.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Sign bit of a double, including for -0 and NaN payloads. */
export function signBit(x: number): boolean {
  f64[0] = x;
  return (u32[HI]! >>> 31) === 1;
}

/** The double's exact value as num / 2^shift with num >= 0 (x finite). */
function decompose(x: number): { num: bigint; shift: number } {
  f64[0] = x;
  const hi = u32[HI]!, lo = u32[1 - HI]!;
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (bexp === 0) e = -1074; // subnormal
  else { mant |= 1n << 52n; e = bexp - 1075; }
  if (e >= 0) return { num: mant << BigInt(e), shift: 0 };
  return { num: mant, shift: -e };
}

const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1]! * 10n);
  return POW10[n]!;
}

/** floor(num / 2^shift) rounded half-to-even on the exact remainder. */
function roundShift(num: bigint, shift: number): bigint {
  if (shift === 0) return num;
  const s = BigInt(shift);
  const q = num >> s;
  const r = num - (q << s);
  const half = 1n << (s - 1n);
  if (r > half || (r === half && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** Digits of |x| with `prec` digits after the point (no sign, no point). */
function fixedDigits(x: number, prec: number): string {
  // Fast path: toFixed is exact and differs from glibc only on exact ties
  // (it rounds them up). A tie needs x * 2^(prec+1) to be an integer, so
  // when it is not (or x is an integer: nothing to round), toFixed agrees.
  if (x < 1e21 && (Number.isInteger(x) || !Number.isInteger(x * 2 ** (prec + 1)))) {
    return x.toFixed(prec).replace('.', '');
  }
  const { num, shift } = decompose(x);
  return roundShift(num * pow10(prec), shift).toString();
}

/** |x| as `prec + 1` significant digits and a decimal exponent (x finite). */
function expDigits(x: number, prec: number): { digits: string; exp: number; carried: boolean } {
  if (x === 0) return { digits: '0'.repeat(prec + 1), exp: 0, carried: false };
  // Fast path, as in fixedDigits: a tie needs x * 2^(prec - exp + 1) to be an
  // integer; k below is at least that (the log10 estimate is within one).
  // A result of 1000... may have carried, which the slow path reports.
  const k = prec - Math.floor(Math.log10(x)) + 2;
  if (k >= 0 && !Number.isInteger(x * 2 ** k)) {
    const t = x.toExponential(prec);
    const ePos = t.indexOf('e');
    const digits = t.charCodeAt(1) === 46 ? t[0]! + t.slice(2, ePos) : t.slice(0, ePos);
    if (!/^10*$/.test(digits)) return { digits, exp: Number(t.slice(ePos + 1)), carried: false };
  }
  const { num, shift } = decompose(x);
  // Estimate the decimal exponent, then correct it against the exact value.
  let exp = Math.floor(Math.log10(Math.abs(x)));
  const bound = (k: number): boolean => { // is |x| >= 10^k ?
    if (k >= 0) return num >= pow10(k) << BigInt(shift);
    return num * pow10(-k) >= 1n << BigInt(shift);
  };
  if (!Number.isFinite(exp)) exp = 0;
  while (!bound(exp)) exp--;
  while (bound(exp + 1)) exp++;
  const scale = prec - exp; // digits = round(|x| * 10^scale)
  let q: bigint;
  if (scale >= 0) q = roundShift(num * pow10(scale), shift);
  else {
    const den = pow10(-scale) << BigInt(shift);
    q = num / den;
    const r2 = (num - q * den) * 2n;
    if (r2 > den || (r2 === den && (q & 1n) === 1n)) q += 1n;
  }
  let digits = q.toString();
  let carried = false;
  if (digits.length > prec + 1) { // rounding carried into a new digit (9.99 -> 10.0)
    exp++;
    digits = digits.slice(0, prec + 1);
    carried = true;
  }
  return { digits, exp, carried };
}

function expSuffix(exp: number, upper: boolean): string {
  const a = Math.abs(exp);
  return (upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + (a < 10 ? '0' + a : String(a));
}

function withPoint(intPart: string, frac: string, hash: boolean): string {
  return frac.length > 0 || hash ? intPart + '.' + frac : intPart;
}

/** The body of %f of |x| (x finite). */
function bodyF(x: number, prec: number, hash: boolean): string {
  let d = fixedDigits(x, prec);
  if (d.length <= prec) d = '0'.repeat(prec - d.length + 1) + d;
  return withPoint(d.slice(0, d.length - prec), d.slice(d.length - prec), hash);
}

/** The body of %e of |x| (x finite). */
function bodyE(x: number, prec: number, hash: boolean, upper: boolean): string {
  const { digits, exp } = expDigits(x, prec);
  return withPoint(digits.slice(0, 1), digits.slice(1), hash) + expSuffix(exp, upper);
}

/** The body of %g of |x| (x finite). */
function bodyG(x: number, prec: number, hash: boolean, upper: boolean): string {
  const p = prec === 0 ? 1 : prec;
  const { exp, carried } = expDigits(x, p - 1); // the exponent after rounding decides the style
  // glibc quirk: with '#', a carry that moves the value from the fixed style to
  // the exponent style loses the zeros: printf("%#.3g", 999.5) gives "1.e+03".
  if (hash && carried && exp === p) return '1.' + expSuffix(exp, upper);
  let body: string;
  if (exp < p && exp >= -4) body = bodyF(x, p - 1 - exp, hash);
  else body = bodyE(x, p - 1, hash, upper);
  if (hash) return body;
  // strip trailing zeros of the fraction, then a bare point
  const ePos = body.search(/[eE]/);
  let mant = ePos < 0 ? body : body.slice(0, ePos);
  const tail = ePos < 0 ? '' : body.slice(ePos);
  if (mant.includes('.')) {
    mant = mant.replace(/0+$/, '');
    if (mant.endsWith('.')) mant = mant.slice(0, -1);
  }
  return mant + tail;
}

function pad(sign: string, body: string, spec: FormatSpec, zeroOk: boolean): string {
  const len = sign.length + body.length;
  if (len >= spec.width) return sign + body;
  const fill = spec.width - len;
  if (spec.flags & FLAG_MINUS) return sign + body + ' '.repeat(fill);
  if (zeroOk && spec.flags & FLAG_ZERO) return sign + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + sign + body;
}

/** printf of a double with conversion e, E, f, g or G (F is not a 5.1 option). */
export function formatDouble(conv: number, spec: FormatSpec, x: number): string {
  const upper = conv === 69 || conv === 71; // E G
  const neg = signBit(x);
  const sign = neg ? '-' : spec.flags & FLAG_PLUS ? '+' : spec.flags & FLAG_SPACE ? ' ' : '';
  if (!Number.isFinite(x)) {
    const word = Number.isNaN(x) ? 'nan' : 'inf';
    return pad(sign, upper ? word.toUpperCase() : word, spec, false);
  }
  const prec = spec.precision < 0 ? 6 : spec.precision;
  const hash = (spec.flags & FLAG_HASH) !== 0;
  const ax = Math.abs(x);
  let body: string;
  if (conv === 102) body = bodyF(ax, prec, hash);
  else if (conv === 101 || conv === 69) body = bodyE(ax, prec, hash, upper);
  else body = bodyG(ax, prec, hash, upper);
  return pad(sign, body, spec, true);
}

const TWO63 = 9223372036854775808;

/** C's (long)x on x86-64: truncation, and INT64_MIN for NaN or out of range. */
export function toLong(x: number): bigint {
  if (Number.isNaN(x) || x >= TWO63 || x < -TWO63) return -(1n << 63n);
  return BigInt(Math.trunc(x));
}

const TWO64 = 18446744073709551616;

/**
 * C's (unsigned long)x as gcc compiles it on x86-64: below 2^63 a signed
 * conversion (so negatives wrap), otherwise (x - 2^63) converted and the top
 * bit flipped; out of range gives 0x8000000000000000 or 0, NaN the former.
 */
export function toULong(x: number): bigint {
  if (Number.isNaN(x)) return 1n << 63n;
  if (x >= TWO64) return 0n;
  if (x >= TWO63) return BigInt(x);
  const v = toLong(x);
  return v < 0n ? v + (1n << 64n) : v;
}

/** printf of (long)x (d i) or (unsigned long)x (o u x X). */
export function formatInteger(conv: number, spec: FormatSpec, x: number): string {
  const signed = conv === 100 || conv === 105;
  if (x > -9007199254740992 && x < 9007199254740992 && (signed || x >= 0)) {
    // Below 2^53 in magnitude the truncated value is an exact double, so
    // (long)x and, for x >= 0, (unsigned long)x need no BigInt; NaN fails
    // the range test. (-0.5 truncates to -0: + 0 makes it 0, no '-'.)
    const t = Math.trunc(x) + 0;
    if (signed && spec.flags === 0 && spec.width === 0 && spec.precision < 0) return String(t);
    const mag = t < 0 ? -t : t;
    let digits: string;
    if (conv === 111) digits = mag.toString(8);
    else if (conv === 120) digits = mag.toString(16);
    else if (conv === 88) digits = mag.toString(16).toUpperCase();
    else digits = String(mag);
    return finishInteger(conv, spec, signed, t < 0, digits, mag === 0);
  }
  let v = signed ? toLong(x) : toULong(x);
  const neg = v < 0n;
  if (neg) v = -v;
  let digits: string;
  if (conv === 111) digits = v.toString(8);
  else if (conv === 120) digits = v.toString(16);
  else if (conv === 88) digits = v.toString(16).toUpperCase();
  else digits = v.toString();
  return finishInteger(conv, spec, signed, neg, digits, v === 0n);
}

/** formatInteger's sign, precision, '#' prefix and padding of the digits of |value|. */
function finishInteger(conv: number, spec: FormatSpec, signed: boolean, neg: boolean, digits: string, zero: boolean): string {
  let sign = '';
  if (signed) {
    if (neg) sign = '-';
    else if (spec.flags & FLAG_PLUS) sign = '+';
    else if (spec.flags & FLAG_SPACE) sign = ' ';
  }
  if (spec.precision === 0 && zero) digits = '';
  if (spec.precision > digits.length) digits = '0'.repeat(spec.precision - digits.length) + digits;
  if (spec.flags & FLAG_HASH) {
    if (conv === 111 && !digits.startsWith('0')) digits = '0' + digits;
    else if (!zero && conv === 120) sign = '0x';
    else if (!zero && conv === 88) sign = '0X';
  }
  // '0' is ignored when a precision is given, as C specifies for integers
  return pad(sign, digits, spec, spec.precision < 0);
}

/** printf %c of (int)x; glibc's output is then cut at a NUL by lua's strlen. */
export function formatChar(spec: FormatSpec, x: number): string {
  // (int)x: out of range and NaN give INT_MIN, whose low byte is 0
  const i = Number.isNaN(x) || x >= 2147483648 || x < -2147483648 ? 0 : Math.trunc(x);
  const ch = String.fromCharCode(i & 0xff);
  return pad('', ch, spec, false);
}

/** printf %s of a string already cut at its first NUL. */
export function formatString(spec: FormatSpec, s: string): string {
  if (spec.precision >= 0 && s.length > spec.precision) s = s.slice(0, spec.precision);
  return pad('', s, spec, false);
}

/** Everything up to the first NUL: lua5.1 measures sprintf's output with strlen. */
export function cutAtNul(s: string): string {
  const i = s.indexOf('\0');
  return i < 0 ? s : s.slice(0, i);
}

/** %q as 5.1's addquoted: only " \ newline \r and NUL are escaped. */
export function quoteString(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string;
    if (c === 34) rep = '\\"';
    else if (c === 92) rep = '\\\\';
    else if (c === 10) rep = '\\\n';
    else if (c === 13) rep = '\\r';
    else if (c === 0) rep = '\\000';
    else continue;
    out += s.slice(start, i) + rep;
    start = i + 1;
  }
  return out + s.slice(start) + '"';
}

/** A format error raised while scanning a spec (the library adds the position). */
export class FormatError extends Error {}

const MAX_FLAG_CHARS = 6; // sizeof("-+ #0"): the terminator counts, so 6 flag characters are too many

/** The flag bit of a flag character, 0 for any other byte. */
function flagBit(c: number): number {
  switch (c) {
    case 45: return FLAG_MINUS; // -
    case 43: return FLAG_PLUS; // +
    case 32: return FLAG_SPACE;
    case 35: return FLAG_HASH; // #
    case 48: return FLAG_ZERO; // 0
    default: return 0;
  }
}

/**
 * lstrlib's scanformat: reads flags, at most two width digits and at most two
 * precision digits starting at `i` (just after '%'). Fills `spec` and returns
 * the index of the conversion character. The format ends at a NUL (C string).
 */
export function scanFormat(fmt: string, i: number, spec: FormatSpec): number {
  const n = fmt.length;
  const start = i;
  let flags = 0;
  // c: the byte at i, or 0 past the end (the C string's terminator)
  let c = i < n ? fmt.charCodeAt(i) : 0;
  for (;;) {
    const b = flagBit(c);
    if (b === 0) break;
    flags |= b;
    c = ++i < n ? fmt.charCodeAt(i) : 0;
  }
  if (i - start >= MAX_FLAG_CHARS) throw new FormatError('invalid format (repeated flags)');
  let width = 0, precision = -1;
  if (c >= 48 && c <= 57) {
    width = c - 48;
    c = ++i < n ? fmt.charCodeAt(i) : 0;
    if (c >= 48 && c <= 57) { width = width * 10 + c - 48; c = ++i < n ? fmt.charCodeAt(i) : 0; }
  }
  if (c === 46) {
    c = ++i < n ? fmt.charCodeAt(i) : 0;
    precision = 0;
    if (c >= 48 && c <= 57) {
      precision = c - 48;
      c = ++i < n ? fmt.charCodeAt(i) : 0;
      if (c >= 48 && c <= 57) { precision = precision * 10 + c - 48; c = ++i < n ? fmt.charCodeAt(i) : 0; }
    }
  }
  if (c >= 48 && c <= 57) throw new FormatError('invalid format (width or precision too long)');
  spec.flags = flags;
  spec.width = width;
  spec.precision = precision;
  return i;
}
