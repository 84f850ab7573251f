// Typed RESP values: what crosses between scripts and clients (spec §0.2).
// Strings are byte strings (one byte per code unit), as everywhere in Valua.
// Integers are JS numbers: every value a reply can carry (a C int64 cast of
// a double, so an integral double in [-2^63, 2^63)) is exact in a double.

export type RespValue =
  | { readonly type: 'status'; readonly value: string }
  | { readonly type: 'error'; readonly value: string }
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'bulk'; readonly value: string }
  | { readonly type: 'null' }
  | { readonly type: 'array'; readonly value: RespValue[] }
  | { readonly type: 'map'; readonly value: [RespValue, RespValue][] }
  | { readonly type: 'set'; readonly value: RespValue[] }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'bignum'; readonly value: string }
  | { readonly type: 'verbatim'; readonly format: string; readonly value: string };

export const RESP_NULL: RespValue = { type: 'null' };

/** The decimal text of an integer reply (exact: String() would print 2^63 as 9223372036854776000). */
export function integerText(n: number): string {
  return BigInt(n).toString();
}

/**
 * A double reply's text (spec §13.4): integral values within +-2^62 as
 * integers, otherwise the shortest round-trip digits laid out as Valkey
 * 8's formatter does; "-0", "nan" (never signed), "inf", "-inf".
 */
export function formatDoubleReply(x: number): string {
  if (x !== x) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return 1 / x < 0 ? '-0' : '0';
  if (Number.isInteger(x) && x <= 4611686018427387904 && x >= -4611686018427387904) return x.toFixed(0);
  const neg = x < 0;
  // JS's shortest round-trip digits: D·10^K with n digits.
  const e = (neg ? -x : x).toExponential();
  const ei = e.indexOf('e');
  const digits = e.charCodeAt(1) === 46 ? e[0]! + e.slice(2, ei) : e.slice(0, ei);
  const n = digits.length;
  const k = Number(e.slice(ei + 1)) - (n - 1);
  const big = Math.abs(k + n - 1);
  let out: string;
  if (k >= 0 && big < n + 7) out = digits + '0'.repeat(k);
  else if (k < 0 && (k > -7 || big < 4)) {
    const point = n + k;
    out = point > 0 ? digits.slice(0, point) + '.' + digits.slice(point) : '0.' + '0'.repeat(-point) + digits;
  } else {
    const exp = k + n - 1;
    out = digits[0]! + (n > 1 ? '.' + digits.slice(1) : '') + 'e' + (exp < 0 ? '-' : '+') + Math.abs(exp);
  }
  return neg ? '-' + out : out;
}
