import fc from 'fast-check';
import { str2number } from '../src/str2number.js';
import { luaMap } from './support/lua.js';

/** lua5.1's tonumber(s) as a JS value (undefined for nil), through %.17g which round-trips. */
function luaToNumbers(inputs: string[]): (number | undefined)[] {
  return luaMap(`function(s) local v = tonumber(s); return v and string.format('%.17g', v) or 'nil' end`, inputs)
    .map((r) => (r === 'nil' ? undefined : r.endsWith('nan') ? NaN : r === 'inf' ? Infinity : r === '-inf' ? -Infinity : Number(r)));
}

const piece = (chars: string, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...chars.split('')), { maxLength: max }).map((a) => a.join(''));
const numeric = fc.tuple(
  piece(' \t\n', 2), fc.constantFrom('', '-', '+', '--'), fc.constantFrom('', '0x', '0X', 'x'),
  piece('0123456789abcdefABCDEF', 20), fc.constantFrom('', '.', '..'), piece('0123456789aF', 6),
  fc.constantFrom('', 'e', 'E', 'p', 'P'), fc.constantFrom('', '+', '-'), piece('0123456789', 4),
  piece(' \t\n\v\f\r', 2), fc.constantFrom('', '', '', 'x', 'z', '\0', 'inf', 'nan', 'infinity', '(1)'),
).map((parts) => parts.join(''));

describe('str2number (luaO_str2d)', () => {
  it('agrees with lua5.1 tonumber on fixed cases', () => {
    const cases = [
      '10', ' 10 ', '0x10', '0X1f', '-0x10', '1e5', '1E+5', '1e-5', '.5', '5.', '.', '', ' ', '0x', '1e',
      '1e400', '-1e400', '4.9e-324', '2e-324', 'inf', 'nan', '-inf', 'INF', 'Infinity', 'nan(123)', '0x1p4',
      '0x1.8p1', '0x.8', '0xA.8p0', '1 2', '1\0', '0x7fffffffffffffff', '0xffffffffffffffffff', '1x', '08',
      '9007199254740993', '0x20000000000001', '0x1.fffffffffffff8p0', '123456789012345678901234567890',
    ];
    expect(cases.map(str2number)).toEqual(luaToNumbers(cases));
  });

  it('agrees with lua5.1 tonumber on generated numerals', () => {
    const inputs = fc.sample(numeric, { numRuns: 3000, seed: Date.now() % 100003 });
    const expected = luaToNumbers(inputs);
    const bad = inputs.filter((s, i) => !Object.is(str2number(s), expected[i]) &&
      !(Number.isNaN(str2number(s)) && Number.isNaN(expected[i])));
    expect(bad).toEqual([]);
  });
});
