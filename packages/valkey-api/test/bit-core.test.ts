import fc from 'fast-check';
import { toBits, bnot, lshift, rshift, arshift, rol, ror, bswap, tohex } from '../src/bit-core.js';

// Reference model: 32-bit two's complement with BigInt.
const M = 1n << 32n;
const u = (x: bigint): bigint => ((x % M) + M) % M;
const s = (x: bigint): number => Number(BigInt.asIntN(32, x));

/** LuaBitOp's conversion for |x| < 2^51: round half to even, then mod 2^32. */
function modelToBits(x: number): bigint {
  const f = Math.floor(x);
  const diff = x - f;
  let r = f;
  if (diff > 0.5 || (diff === 0.5 && f % 2 !== 0)) r = f + 1;
  return u(BigInt(r));
}

const small = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 32 }),
  fc.double({ min: -(2 ** 50), max: 2 ** 50, noNaN: true }),
  fc.integer({ min: -1000, max: 1000 }).map((n) => n / 2),
);
const ubits = fc.integer({ min: 0, max: 2 ** 32 - 1 });

describe('bit arithmetic against a BigInt model', () => {
  test('toBits rounds half to even and wraps modulo 2^32', () => {
    fc.assert(fc.property(small, (x) => BigInt(toBits(x)) === modelToBits(x)));
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 0.4999, 3.7].map((x) => toBits(x) | 0)).toEqual([0, 2, 2, 0, -2, 0, 4]);
    expect(toBits(2 ** 32 + 1)).toBe(1);
    expect(toBits(2 ** 60)).toBe(0);
    expect(toBits(NaN)).toBe(0);
    expect(toBits(Infinity)).toBe(0);
  });

  test('operations', () => {
    fc.assert(fc.property(ubits, ubits, (a, n) => {
      const A = BigInt(a);
      const k = BigInt(n & 31);
      expect(bnot(a)).toBe(s(~A));
      expect(lshift(a, n)).toBe(s(A << k));
      expect(rshift(a, n)).toBe(s(A >> k));
      expect(arshift(a, n)).toBe(s(BigInt.asIntN(32, A) >> k));
      expect(rol(a, n)).toBe(s((A << k) | (A >> ((32n - k) % 32n === 0n && k === 0n ? 0n : 32n - k))));
      expect(ror(a, n)).toBe(s((A >> k) | (A << (32n - k))));
      const bytes = [A & 0xffn, (A >> 8n) & 0xffn, (A >> 16n) & 0xffn, A >> 24n];
      expect(bswap(a)).toBe(s((bytes[0]! << 24n) | (bytes[1]! << 16n) | (bytes[2]! << 8n) | bytes[3]!));
    }));
  });

  test('tohex widths', () => {
    expect(tohex(422342, 8)).toBe('000671c6');
    expect(tohex(0xffff, -2147483648)).toBe('0000FFFF');
    expect(tohex(1, 10)).toBe('00000001');
    expect(tohex(0xabc, 0)).toBe('');
    expect(tohex(0xabc, -3)).toBe('ABC');
    expect(tohex(0xabcdef, 2)).toBe('ef');
    fc.assert(fc.property(ubits, fc.integer({ min: 1, max: 8 }), (a, n) =>
      tohex(a, n) === a.toString(16).padStart(8, '0').slice(8 - n)));
  });
});
