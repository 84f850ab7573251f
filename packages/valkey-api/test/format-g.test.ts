import fc from 'fast-check';
import { formatG } from '../src/format-g.js';
import { LUA_EMIT, luaNumber, records, runLua } from './lua-run.js';

// Ties in decimal at 14 digits and below, which JS's toPrecision rounds up
// and glibc rounds to even.
const TIES = [123456789012345, 1234567890123450, 12345678901234500, 1.2345678901234500e+30, 0.000012345678901234500, 0.125, 2.5, 0.5, 1.5, 3.5, 9.5, 99.5, 2 ** -20, 2 ** -21, 1e15 + 5, 4503599627370497.5,
  12345.5, 1.25, 1.375, 0.0625, 6.103515625e-05];
const SPECIAL = [0, -0, 1, -1, 0.1, 1 / 3, 2 / 3, 1e14, 1e15, 1e16, 1e21, 1e-5, 1e-4, 1e300, 5e-324,
  2.2250738585072014e-308, 1.7976931348623157e308, 2 ** 53, 2 ** 63, 9.999999999999999e22, 999999.5, 0.00001234];

const SEED = Number(process.env['FC_SEED'] ?? 20261126);

describe('formatG is printf("%.<p>g") as lua5.1 prints it', () => {
  test('random and special doubles at every precision 1..14', () => {
    const values = [...TIES, ...SPECIAL, ...TIES.map((x) => -x),
      ...fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), 400),
      ...fc.sample(fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 1024), 200)];
    const cases: Array<[number, number]> = [];
    for (const x of values) for (let p = 1; p <= 14; p++) cases.push([x, p]);
    let src = LUA_EMIT;
    for (const [x, p] of cases) src += `emit(string.format('%.${p}g', ${luaNumber(x)}))\n`;
    const expected = records(runLua(src));
    const got = cases.map(([x, p]) => formatG(x, p));
    for (let i = 0; i < cases.length; i++) expect([cases[i], got[i]]).toEqual([cases[i], expected[i]]);
  });
});

describe('formatG on short decimals and doubles in [1e-4, 1e15) (the fast path)', () => {
  test('m / 10^k, doubles between, neighbours of powers of ten, at every precision 1..14', () => {
    const short = fc.tuple(fc.integer({ min: 1, max: 999999999999999 }), fc.integer({ min: 1, max: 19 }))
      .map(([m, k]) => m / 10 ** k).filter((x) => x >= 1e-4 && x < 1e15);
    const fewDigits = fc.tuple(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 1, max: 8 })).map(([m, k]) => m / 10 ** k);
    const inRange = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -4, max: 14 })).map(([f, e]) => (1 + 9 * f) * 10 ** e);
    const sample = <T>(a: fc.Arbitrary<T>, n: number): T[] => fc.sample(a, { numRuns: n, seed: SEED });
    const edges: number[] = [];
    for (let e = -4; e <= 15; e++) {
      const p = 10 ** e;
      edges.push(p, p * (1 + 2 ** -52), p * (1 - 2 ** -53), p * 0.5, p * 1.5, p * 9.5);
    }
    const values = [...sample(short, 300), ...sample(fewDigits, 200), ...sample(inRange, 300), ...edges, 0.1 + 0.2, 1 / 3, 2 / 3, 0.30000000000000004];
    const cases: Array<[number, number]> = [];
    for (const x of values) for (let p = 1; p <= 14; p++) cases.push([x, p], [-x, p]);
    let src = LUA_EMIT;
    for (const [x, p] of cases) src += `emit(string.format('%.${p}g', ${luaNumber(x)}))\n`;
    const expected = records(runLua(src));
    for (let i = 0; i < cases.length; i++) expect([cases[i], formatG(cases[i]![0], cases[i]![1])]).toEqual([cases[i], expected[i]]);
  });
});
