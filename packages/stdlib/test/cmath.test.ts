import fc from 'fast-check';
import { cFmod, frexp, ldexp } from '../src/cmath.js';
import { cPow } from '@valua/vm';
import { formatDouble } from '../src/format.js';
import { EMIT, luaNumber, parseRecords, runLua, SEED } from './lua-batch.js';

// %.17g shows every bit that matters, and the sign of a NaN. pow is compared
// at %.14g (how Lua prints numbers): V8's Math.pow may be an ulp off glibc's.
const show = (x: number): string => formatDouble(103, { flags: 0, width: 0, precision: 17 }, x);

describe(`C math helpers vs lua5.1 (seed ${SEED})`, () => {
  test('frexp, ldexp, pow, fmod on random doubles', () => {
    const special = [0, 1, -1, 0.5, 2, 3, -3, 1e308, -1e308, 5e-324, 2.2250738585072014e-308, Infinity, -Infinity, NaN, 1e-300, 7];
    const num = fc.oneof(fc.double(), fc.constantFrom(...special), fc.integer({ min: -20, max: 20 }).map((n) => n / 4));
    const cases = fc.sample(fc.tuple(num, num, fc.integer({ min: -1100, max: 1100 })), { numRuns: 1500, seed: SEED + 1 });
    let src = EMIT;
    for (const [x, y, e] of cases) {
      const a = luaNumber(x), b = luaNumber(y);
      src += `do local m, ex = math.frexp(${a}) local s = function(v) return string.format("%.17g", v) end `
        + `emit(s(m) .. " " .. ex .. " " .. s(math.ldexp(${a}, ${e})) .. " " .. string.format("%.14g", math.pow(${a}, ${b})) .. " " .. s(math.fmod(${a}, ${b}))) end\n`;
    }
    const r = runLua(src);
    expect(r.stderr).toBe('');
    const rec = parseRecords(r.stdout);
    cases.forEach(([x, y, e], k) => {
      const [m, ex] = frexp(x);
      const mine = `${show(m)} ${ex} ${show(ldexp(x, e))} ${formatDouble(103, { flags: 0, width: 0, precision: 14 }, cPow(x, y))} ${show(cFmod(x, y))}`;
      if (Number.isNaN(x) || Number.isNaN(y)) return; // NaN signs of inputs are checked in the corpus
      expect([x, y, e, mine]).toEqual([x, y, e, rec[k]]);
    });
  });
});
