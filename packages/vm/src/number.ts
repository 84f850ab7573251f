// Numbers <-> strings exactly as PUC-Rio Lua 5.1 on x86-64 glibc.
// numberToString is C's "%.14g" (LUA_NUMBER_FMT); stringToNumber is
// luaO_str2d: glibc strtod (decimal, hex incl. binary exponent, inf, nan)
// surrounded by optional white space, nothing else.
// Invariant: both functions are total: any double, any byte string.

import { cStrtod } from './strtod.js';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Index of the high word (sign bit) on this platform's byte order.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** C's printf("%.14g", x), as lua5.1 prints numbers. */
export function numberToString(x: number): string {
  // Fast path: integers below 1e15 print as themselves (%.14g keeps 15
  // digits only up to 1e15-1, but 14 significant digits need rounding from
  // 1e14 on, so the cut is 1e14).
  if (Number.isInteger(x) && x < 1e14 && x > -1e14) {
    if (x === 0 && 1 / x < 0) return '-0';
    return String(x);
  }
  if (x !== x) {
    // lua5.1: "print(0/0)" prints -nan, "print(-(0/0))" prints nan: the sign
    // bit of the NaN decides, as glibc's printf does.
    f64[0] = x;
    return (u32[HI]! >>> 31) !== 0 ? '-nan' : 'nan';
  }
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  // Fast path: when JS's shortest round-trip spelling has at most 14
  // significant digits and %g would not use an exponent, it is what %.14g
  // prints (the exact value lies far closer to it than half a unit of the
  // 14th digit).
  const a = x < 0 ? -x : x;
  if (a >= 1e-4 && a < 1e15) {
    const js = String(x);
    let digits = 0;
    let leading = true;
    for (let i = 0; i < js.length; i++) {
      const c = js.charCodeAt(i);
      if (c < 48 || c > 57) continue;
      if (leading && c === 48) continue;
      leading = false;
      digits++;
    }
    if (digits <= 14) return js;
  }
  return formatG(x, 14);
}

/**
 * "%.<prec>g" with C's round-half-even on the exact binary value. JS's
 * toExponential rounds exact ties up, so ties are detected on a longer
 * expansion (lua5.1: "print(2^-21)" prints 4.7683715820312e-07).
 */
export function formatG(x: number, prec: number): string {
  if (prec === 0) prec = 1;
  if (x === 0) return 1 / x < 0 ? '-0' : '0';
  const neg = x < 0;
  if (neg) x = -x;
  let d: string;
  let exp: number;
  // JS rounds correctly except on exact ties (it rounds those up, C to
  // even). A tie shows as a 5 in the next digit: only then take the slow
  // exact path.
  const next = x.toExponential(Math.min(prec, 100));
  if (next.charCodeAt(next.indexOf('e') - 1) !== 53) {
    const r = x.toExponential(prec - 1);
    const e = r.indexOf('e');
    exp = Number(r.slice(e + 1));
    d = prec === 1 ? r[0]! : r[0] + r.slice(2, e);
  } else {
    // 40 extra digits: a tie shows as "5" followed by zeros only.
    const long = x.toExponential(Math.min(prec + 40, 100));
    const e = long.indexOf('e');
    exp = Number(long.slice(e + 1));
    const digits = long[0] + long.slice(2, e);
    d = digits.slice(0, prec);
    const rest = digits.slice(prec);
    let roundUp = false;
    const first = rest.charCodeAt(0) - 48;
    if (first > 5) roundUp = true;
    else if (first === 5) {
      if (/[1-9]/.test(rest.slice(1))) roundUp = true;
      else roundUp = ((d.charCodeAt(d.length - 1) - 48) & 1) === 1;
    }
    if (roundUp) {
      const arr = d.split('');
      let j = arr.length - 1;
      while (j >= 0) {
        if (arr[j] === '9') { arr[j] = '0'; j--; } else { arr[j] = String.fromCharCode(arr[j]!.charCodeAt(0) + 1); break; }
      }
      if (j < 0) { arr.unshift('1'); arr.pop(); exp++; }
      d = arr.join('');
    }
  }
  let out: string;
  if (exp < -4 || exp >= prec) {
    let m = d[0]!;
    const frac = d.slice(1).replace(/0+$/, '');
    if (frac.length > 0) m += '.' + frac;
    const ae = exp < 0 ? -exp : exp;
    out = m + (exp < 0 ? 'e-' : 'e+') + (ae < 10 ? '0' + ae : String(ae));
  } else if (exp >= 0) {
    const ip = d.slice(0, exp + 1);
    const frac = d.slice(exp + 1).replace(/0+$/, '');
    out = frac.length > 0 ? ip + '.' + frac : ip;
  } else {
    const frac = ('0'.repeat(-exp - 1) + d).replace(/0+$/, '');
    out = '0.' + frac;
  }
  return neg ? '-' + out : out;
}

function isSpace(c: number): boolean {
  // C isspace in the "C" locale: space, \t \n \v \f \r
  return c === 32 || (c >= 9 && c <= 13);
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * luaO_str2d: the number a string converts to, or undefined. Leading and
 * trailing white space are allowed; an embedded "\0" ends the string, as
 * the C string does (lua5.1: tonumber("1\0") is 1).
 */
export function stringToNumber(s: string): number | undefined {
  const z = s.indexOf('\0');
  if (z >= 0) s = s.slice(0, z);
  // Fast path: plain decimal integers.
  const n = s.length;
  if (n > 0 && n < 10) {
    let v = 0;
    let k = 0;
    for (; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
    }
    if (k === n) return v;
  }
  let i = 0;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  const r = cStrtod(s, i);
  if (r.end === i) return undefined;
  let j = r.end;
  while (j < n && isSpace(s.charCodeAt(j))) j++;
  return j === n ? r.value : undefined;
}

/**
 * strtoul(s, &end, base) as base's tonumber(s, base) uses it for bases
 * other than 10: white space, an optional sign, digits of the base (and
 * for base 16 an optional 0x), then white space only. undefined if invalid.
 */
export function stringToNumberBase(s: string, base: number): number | undefined {
  const z = s.indexOf('\0');
  if (z >= 0) s = s.slice(0, z);
  const n = s.length;
  let i = 0;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  let neg = false;
  const c = s.charCodeAt(i);
  if (c === 43 || c === 45) { neg = c === 45; i++; }
  if (base === 16 && s.charCodeAt(i) === 48 && (s.charCodeAt(i + 1) | 32) === 120 && hexVal(s.charCodeAt(i + 2)) >= 0) i += 2;
  let v = 0;
  const startDigits = i;
  for (; i < n; i++) {
    const ch = s.charCodeAt(i);
    let d: number;
    if (ch >= 48 && ch <= 57) d = ch - 48;
    else if ((ch | 32) >= 97 && (ch | 32) <= 122) d = (ch | 32) - 87;
    else break;
    if (d >= base) break;
    v = v * base + d;
  }
  if (i === startDigits) return undefined;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  if (i !== n) return undefined;
  // strtoul: overflow gives ULONG_MAX whatever the sign; otherwise a
  // negative value wraps modulo 2^64.
  if (v >= 18446744073709551616) return 18446744073709551615;
  if (neg && v !== 0) v = 18446744073709551616 - v;
  return v;
}
