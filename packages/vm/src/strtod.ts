// glibc strtod() as a prefix parser: the value and where the number
// stopped (cjson wants the end, e.g. "1.5]" or "0x1Fzz"; luaO_str2d in
// number.ts skips white space first and wants only trailing space after it).
// Invariants: the result is correctly rounded (round-half-even) for decimal
// and hexadecimal input of any length; `end === start` means "no number".
// The scan starts at a sign, a digit or a letter: leading white space is
// the caller's.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

function makeNaN(negative: boolean): number {
  // glibc: strtod("-nan") has its sign bit set, strtod("nan") does not;
  // lua5.1 prints them as "-nan" and "nan".
  u32[HI] = negative ? 0xfff80000 : 0x7ff80000;
  u32[1 - HI] = 0;
  return f64[0]!;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Lower-case ASCII comparison of s[i..] with a lower-case word. */
function matchWord(s: string, i: number, word: string): boolean {
  if (i + word.length > s.length) return false;
  for (let k = 0; k < word.length; k++) {
    let c = s.charCodeAt(i + k);
    if (c >= 65 && c <= 90) c |= 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * mant * 2^exp2 rounded to the nearest double, ties to even, with gradual
 * underflow, as strtod rounds hexadecimal input.
 */
function scaleBinary(mant: bigint, exp2: number): number {
  if (mant === 0n) return 0;
  const bits = mant.toString(2).length;
  // Value lies in [2^(bits-1+exp2), 2^(bits+exp2)).
  const top = bits - 1 + exp2;
  if (top > 1023) return Infinity;
  // Smallest exponent of the last kept bit: 53 significant bits for normal
  // numbers, fewer below 2^-1022 (the last bit is then worth 2^-1074).
  const lsb = Math.max(top - 52, -1074);
  const drop = lsb - exp2;
  let m = mant;
  let e = exp2;
  if (drop > 0) {
    const d = BigInt(drop);
    const kept = m >> d;
    const rem = m - (kept << d);
    const half = 1n << (d - 1n);
    m = kept;
    if (rem > half || (rem === half && (kept & 1n) === 1n)) m += 1n;
    e = lsb;
  }
  // m has at most 54 bits now: exact as a double; scaling by a power of two
  // is exact unless it overflows (then Infinity is right).
  const v = Number(m);
  if (e > 900) return v * 2 ** 900 * 2 ** (e - 900);
  if (e < -900) return v * 2 ** -900 * 2 ** (e + 900);
  return v * 2 ** e;
}

export interface StrtodResult {
  value: number;
  /** Index just past the number; equals the start index if nothing parsed. */
  end: number;
}

/** strtod(s + start, &end) in the C locale. */
export function cStrtod(s: string, start: number): StrtodResult {
  const n = s.length;
  let i = start;
  let neg = false;
  let c = s.charCodeAt(i);
  if (c === 43 || c === 45) {
    neg = c === 45;
    i++;
    c = s.charCodeAt(i);
  }
  if ((c | 32) === 105 && matchWord(s, i, 'inf')) {
    const end = matchWord(s, i, 'infinity') ? i + 8 : i + 3;
    return { value: neg ? -Infinity : Infinity, end };
  }
  if ((c | 32) === 110 && matchWord(s, i, 'nan')) {
    let end = i + 3;
    // "nan(n-char-sequence)" is consumed whole when the parenthesis closes.
    if (s.charCodeAt(end) === 40) {
      let j = end + 1;
      while (j < n) {
        const d = s.charCodeAt(j);
        if (isDigit(d) || ((d | 32) >= 97 && (d | 32) <= 122) || d === 95) j++;
        else break;
      }
      if (s.charCodeAt(j) === 41) end = j + 1;
    }
    return { value: makeNaN(neg), end };
  }
  if (c === 48 && (s.charCodeAt(i + 1) | 32) === 120) {
    const r = parseHex(s, i + 2, neg);
    // "0x" without hex digits: strtod reads the "0" and stops at the "x".
    return r ?? { value: neg ? -0 : 0, end: i + 1 };
  }
  return parseDecimal(s, start, i, neg);
}

function parseHex(s: string, i: number, neg: boolean): StrtodResult | undefined {
  const n = s.length;
  let j = i;
  let digits = '';
  let fracDigits = 0;
  while (j < n && hexDigit(s.charCodeAt(j)) >= 0) j++;
  digits = s.slice(i, j);
  if (s.charCodeAt(j) === 46) {
    const k0 = j + 1;
    let k = k0;
    while (k < n && hexDigit(s.charCodeAt(k)) >= 0) k++;
    if (digits.length > 0 || k > k0) {
      digits += s.slice(k0, k);
      fracDigits = k - k0;
      j = k;
    }
  }
  if (digits.length === 0) return undefined;
  let exp2 = -4 * fracDigits;
  if ((s.charCodeAt(j) | 32) === 112) {
    let k = j + 1;
    let eneg = false;
    const ec = s.charCodeAt(k);
    if (ec === 43 || ec === 45) {
      eneg = ec === 45;
      k++;
    }
    if (isDigit(s.charCodeAt(k))) {
      let ev = 0;
      while (k < n && isDigit(s.charCodeAt(k))) {
        // Clamp: beyond this the result is 0 or inf whatever the digits.
        if (ev < 1e7) ev = ev * 10 + (s.charCodeAt(k) - 48);
        k++;
      }
      exp2 += eneg ? -ev : ev;
      j = k;
    }
  }
  const v = scaleBinary(BigInt('0x' + digits), exp2);
  return { value: neg ? -v : v, end: j };
}

function parseDecimal(s: string, start: number, i: number, neg: boolean): StrtodResult {
  const n = s.length;
  let j = i;
  let nd = 0;
  while (j < n && isDigit(s.charCodeAt(j))) {
    j++;
    nd++;
  }
  if (s.charCodeAt(j) === 46) {
    j++;
    while (j < n && isDigit(s.charCodeAt(j))) {
      j++;
      nd++;
    }
  }
  if (nd === 0) return { value: 0, end: start };
  if ((s.charCodeAt(j) | 32) === 101) {
    let k = j + 1;
    const ec = s.charCodeAt(k);
    if (ec === 43 || ec === 45) k++;
    if (isDigit(s.charCodeAt(k))) {
      while (k < n && isDigit(s.charCodeAt(k))) k++;
      j = k;
    }
  }
  // JS Number() rounds decimal text correctly, as glibc's strtod does; it
  // accepts "5.", ".5" and leading zeros alike.
  const v = Number(s.slice(i, j));
  return { value: neg ? -v : v, end: j };
}
