import fc from 'fast-check';
import { cStrtod } from '@valua/vm';
import { LUA_EMIT, luaString, records, runLua } from './lua-run.js';

// lua5.1's tonumber(s) is glibc strtod over the whole string (luaO_str2d):
// for strings that parse completely, it shows strtod's value exactly.
function luaValues(inputs: string[]): string[] {
  let src = LUA_EMIT;
  for (const s of inputs) src += `do local v = tonumber(${luaString(s)}) emit(v == nil and 'nil' or string.format('%.17g', v)) end\n`;
  return records(runLua(src));
}

function show(x: number): string {
  if (x !== x) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return 1 / x < 0 ? '-0' : '0';
  // %.17g of the value, via lua5.1's own reading of it below.
  return String(x);
}

describe('cStrtod matches glibc strtod', () => {
  test('whole-string values agree with lua5.1 tonumber', () => {
    const hexDigits = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 1, maxLength: 40 });
    const decDigits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 40 });
    const hex = fc.tuple(fc.constantFrom('', '-', '+'), hexDigits, fc.option(hexDigits), fc.option(fc.integer({ min: -1200, max: 1200 })))
      .map(([s, a, b, e]) => `${s}0x${a}${b === null ? '' : '.' + b}${e === null ? '' : 'p' + e}`);
    const dec = fc.tuple(fc.constantFrom('', '-', '+'), decDigits, fc.option(decDigits), fc.option(fc.integer({ min: -400, max: 400 })))
      .map(([s, a, b, e]) => `${s}${a}${b === null ? '' : '.' + b}${e === null ? '' : 'e' + e}`);
    const inputs = [...fc.sample(hex, 400), ...fc.sample(dec, 400),
      '0x1p-1074', '0x1p-1075', '0x3p-1076', '0x1.fffffffffffff8p1023', '0x1.fffffffffffff7ffp1023', '0x1.0000000000000800000001p0',
      '0x.8', '0x8.', '1e400', '1e-400', '-0', '007', 'inf', '-Infinity', 'INF', 'infinity'];
    const expected = luaValues(inputs);
    // Our side printed through lua5.1 too, so both use glibc's %.17g.
    const ours = inputs.map((s) => {
      const r = cStrtod(s, 0);
      expect(r.end).toBe(s.length);
      return r.value;
    });
    let src = LUA_EMIT;
    for (const v of ours) src += `emit(string.format('%.17g', ${v !== v ? '0/0' : v === Infinity ? '1/0' : v === -Infinity ? '-1/0' : Object.is(v, -0) ? '-1/(1/0)' : v.toPrecision(17)}))\n`;
    const printed = records(runLua(src));
    for (let i = 0; i < inputs.length; i++) expect([inputs[i], printed[i]]).toEqual([inputs[i], expected[i]]);
    expect(show(0)).toBe('0');
  });

  test('prefixes: where the number ends', () => {
    const cases: Array<[string, number, number]> = [
      ['1.5]', 1.5, 3], ['0x1Fzz', 31, 4], ['0x', 0, 1], ['0xg', 0, 1], ['1e', 1, 1], ['1e+', 1, 1], ['1e5x', 1e5, 3],
      ['-', 0, 0], ['+', 0, 0], ['.', 0, 0], ['.5,', 0.5, 2], ['5.,', 5, 2], ['infinit', Infinity, 3], ['-infinity!', -Infinity, 9],
      ['nan(abc)x', NaN, 8], ['nan(ab', NaN, 3], ['abc', 0, 0], ['1p5', 1, 1], ['0x1p', 1, 3], ['0x1.8p1,', 3, 7],
    ];
    for (const [s, v, end] of cases) {
      const r = cStrtod(s, 0);
      expect([s, r.value, r.end]).toEqual([s, v, end]);
    }
  });

  test('nan keeps the sign it was written with', () => {
    const sign = (x: number): number => new Uint8Array(new Float64Array([x]).buffer)[7]! >> 7;
    expect(sign(cStrtod('nan', 0).value)).toBe(0);
    expect(sign(cStrtod('-nan', 0).value)).toBe(1);
  });
});
