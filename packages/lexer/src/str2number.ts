// String to number conversion as Lua 5.1's luaO_str2d does it: glibc
// `strtod` (decimal, hex with optional fraction and binary exponent, inf, nan)
// followed only by white space. The strtoul fallback of luaO_str2d never
// accepts anything strtod rejected, so it has no counterpart here.
// The input is a byte string; like the C code it stops at the first NUL.

// strtod's syntax after optional leading white space and sign. Groups:
// 1 sign, 2 hex mantissa, 3 hex exponent, 4 decimal numeral, 5 inf, 6 nan.
const STRTOD =
  /^[ \t\n\v\f\r]*([+-]?)(?:0[xX]((?:[0-9a-fA-F]+(?:\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+))(?:[pP]([+-]?[0-9]+))?|((?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)|(inf(?:inity)?)|(nan(?:\([0-9A-Za-z_]*\))?))/i;

const TRAILING_SPACE = /^[ \t\n\v\f\r]*$/;

/** luaO_str2d: the number `s` denotes, or undefined when Lua rejects it. */
export function str2number(s: string): number | undefined {
  const nul = s.indexOf('\0');
  if (nul >= 0) s = s.slice(0, nul);
  const m = STRTOD.exec(s);
  if (m === null) return undefined;
  if (!TRAILING_SPACE.test(s.slice(m[0].length))) return undefined;
  let v: number;
  if (m[2] !== undefined) v = hexValue(m[2], m[3]);
  else if (m[4] !== undefined) v = Number(m[4]);
  else if (m[5] !== undefined) v = Infinity;
  else v = NaN;
  return m[1] === '-' ? -v : v;
}

/** Value of a hex float mantissa `digits` (may hold one '.') times 2^exp. */
function hexValue(digits: string, exp: string | undefined): number {
  const dot = digits.indexOf('.');
  let e = exp === undefined ? 0 : Number(exp);
  let all = digits;
  if (dot >= 0) {
    all = digits.slice(0, dot) + digits.slice(dot + 1);
    e -= 4 * (digits.length - dot - 1);
  }
  all = all.replace(/^0+/, '');
  if (all === '') return 0;
  if (!Number.isFinite(e)) return e > 0 ? Infinity : 0;
  // Up to 13 hex digits (52 bits) the mantissa is exact in a double, and a
  // power-of-two scaling stays exact until the result leaves the normal
  // range; longer mantissas go through BigInt so the rounding is done once.
  let mant: number;
  if (all.length <= 13) {
    mant = parseInt(all, 16);
  } else {
    const big = BigInt('0x' + all);
    const bits = big.toString(2).length;
    const drop = bits - 64;
    if (drop > 0) {
      // Keep 64 bits plus a sticky bit so that Number() rounds as strtod does.
      const sticky = (big & ((1n << BigInt(drop)) - 1n)) !== 0n ? 1n : 0n;
      mant = Number(((big >> BigInt(drop)) << 1n) | sticky);
      e += drop - 1;
    } else {
      mant = Number(big);
    }
  }
  return scale2(mant, e);
}

/** mant * 2^e without intermediate overflow or underflow. */
function scale2(mant: number, e: number): number {
  let v = mant;
  while (e > 1000) { v *= 2 ** 1000; e -= 1000; if (v === Infinity) return v; }
  while (e < -1000) { v *= 2 ** -1000; e += 1000; if (v === 0) return v; }
  return v * 2 ** e;
}
