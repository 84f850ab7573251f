// The arithmetic of LuaBitOp 1.0.2 (the `bit` library Valkey bundles),
// independent of the VM so it can be checked against a BigInt model.
// Invariant: every function takes and returns plain JS numbers; results are
// signed 32-bit integers, as BRET() pushes (lua_Number)(int32_t)b.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Index of the low 32 bits of a double's encoding on this platform.
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/**
 * barg(): add 2^52+2^51 and keep the low 32 bits of the double's encoding.
 * For |x| < 2^51 that is x rounded half-to-even, modulo 2^32; for larger
 * magnitudes the addition itself rounds, and the bits say what is left
 * (bit.tobit(2^60) is 0). Returns an unsigned 32-bit value.
 */
export function toBits(x: number): number {
  // Fast path: integers that fit in 32 bits are their own low bits.
  if ((x | 0) === x) return x >>> 0;
  f64[0] = x + 6755399441055744.0;
  return u32[LO]!;
}

/** Unsigned 32-bit value -> the signed number Lua sees. */
export function signed(b: number): number {
  return b | 0;
}

export function bnot(b: number): number {
  return ~b;
}

export function lshift(b: number, n: number): number {
  return b << (n & 31);
}

export function rshift(b: number, n: number): number {
  return (b >>> (n & 31)) | 0;
}

export function arshift(b: number, n: number): number {
  return (b | 0) >> (n & 31);
}

export function rol(b: number, n: number): number {
  n &= 31;
  // C: (b << n) | (b >> (32-n)); with n = 0 the right shift is by 32, which
  // x86 masks to 0 — the result is b either way.
  return n === 0 ? b | 0 : (b << n) | (b >>> (32 - n));
}

export function ror(b: number, n: number): number {
  n &= 31;
  return n === 0 ? b | 0 : (b << (32 - n)) | (b >>> n);
}

export function bswap(b: number): number {
  return ((b >>> 24) | ((b >>> 8) & 0xff00) | ((b & 0xff00) << 8) | (b << 24)) | 0;
}

/**
 * bit.tohex(x, n): n (already converted by toBits) digits, upper case when
 * n is negative; |n| is capped at 8 and INT32_MIN counts as -INT32_MAX.
 */
export function tohex(b: number, nBits: number): string {
  let n = nBits | 0;
  let digits = '0123456789abcdef';
  if (n === -2147483648) n = -2147483647;
  if (n < 0) {
    n = -n;
    digits = '0123456789ABCDEF';
  }
  if (n > 8) n = 8;
  let out = '';
  let v = b >>> 0;
  for (let i = 0; i < n; i++) {
    out = digits[v & 15]! + out;
    v >>>= 4;
  }
  return out;
}
