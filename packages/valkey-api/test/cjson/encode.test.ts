// cjson.encode's in-place writers (numbers, strings, the output buffer's
// chunk boundaries) against their definitions: numbers are printf
// "%.<precision>g" as lua5.1's string.format prints them, strings are
// lua_cjson's char2escape spellings.

import fc from 'fast-check';
import { LuaTable, type LuaValue } from '@valua/vm';
import { scriptState } from '../script-state.js';
import { libCall } from '../lib-call.js';
import { LUA_EMIT, luaNumber, records, runLua } from '../lua-run.js';

const SEED = Number(process.env['FC_SEED'] ?? 20261126);
const sample = <T>(a: fc.Arbitrary<T>, n: number): T[] => fc.sample(a, { numRuns: n, seed: SEED });

function encode(L: ReturnType<typeof scriptState>, v: LuaValue): string {
  const r = libCall(L, 'cjson', 'encode', [v]);
  if (!r.ok) throw new Error(String(r.error));
  return r.values[0] as string;
}

function array(items: LuaValue[]): LuaTable {
  const t = new LuaTable();
  items.forEach((x, i) => t.setInt(i + 1, x));
  return t;
}

describe('cjson.encode numbers', () => {
  test('are string.format("%.<precision>g") at every precision 1..14, alone and in arrays', () => {
    const values = [
      ...sample(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -6, max: 17 })).map(([f, e]) => (1 + 9 * f) * 10 ** e), 150),
      ...sample(fc.tuple(fc.integer({ min: 1, max: 999999999 }), fc.integer({ min: 0, max: 12 })).map(([m, k]) => m / 10 ** k), 100),
      ...sample(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), 50),
      ...sample(fc.double({ noNaN: true, noDefaultInfinity: true }), 50),
      0, 1, -1, 0.5, 2.5, 0.125, 1e-4, 1e-5, 99999.5, 1e14, 1e15, 2 ** 31, -(2 ** 31), 2 ** 53, 123456789012345, 0.1 + 0.2, 1 / 3,
    ].flatMap((x) => [x, -x]);
    const L = scriptState();
    let src = LUA_EMIT;
    const got: string[] = [];
    for (let p = 1; p <= 14; p++) {
      libCall(L, 'cjson', 'encode_number_precision', [p]);
      for (const x of values) {
        src += `emit(string.format('%.${p}g', ${luaNumber(x)}))\n`;
        got.push(encode(L, x));
      }
      // In one array, so the numbers cross the output buffer's chunks.
      const all = encode(L, array(values));
      expect(all).toBe('[' + got.slice(-values.length).join(',') + ']');
    }
    const want = records(runLua(src));
    for (let i = 0; i < got.length; i++) expect([i % values.length, got[i]]).toEqual([i % values.length, want[i]]);
  });
});

/** lua_cjson's char2escape, spelled out. */
function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const named: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 34: '\\"', 47: '\\/', 92: '\\\\' };
    if (named[c] !== undefined) out += named[c];
    else if (c < 0x20 || c === 0x7f) out += '\\u00' + c.toString(16).padStart(2, '0');
    else out += s[i];
  }
  return out + '"';
}

describe('cjson.encode strings', () => {
  const byteString = (max: number): fc.Arbitrary<string> =>
    fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: max });

  test('every byte is written as char2escape says, in short and long strings', () => {
    const L = scriptState();
    let all = '';
    for (let c = 0; c < 256; c++) all += String.fromCharCode(c);
    expect(encode(L, all)).toBe(quote(all));
    for (let c = 0; c < 256; c++) expect(encode(L, String.fromCharCode(c))).toBe(quote(String.fromCharCode(c)));
    for (const s of sample(byteString(200), 300)) expect(encode(L, s)).toBe(quote(s));
  });

  test('many strings in one array cross the output chunks intact', () => {
    const L = scriptState();
    // All escapes (each byte 6 bytes out), every length up to 64 in turn: strings end at every offset of a chunk.
    const cycle = Array.from({ length: 400 }, (_, i) => String.fromCharCode(i % 32).repeat(1 + ((i * 7) % 64)));
    expect(encode(L, array(cycle))).toBe('[' + cycle.map(quote).join(',') + ']');
    // Some all escapes (each byte 6 bytes out), so strings end right at chunk ends.
    // (size 'max': fast-check's default sizes would keep strings near 10 bytes.)
    const escapes = fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 64, size: 'max' });
    const any = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 90, size: 'max' });
    fc.assert(fc.property(fc.array(fc.oneof(any, escapes), { minLength: 50, maxLength: 400, size: 'max' }), (strs) => {
      expect(encode(L, array(strs))).toBe('[' + strs.map(quote).join(',') + ']');
      return true;
    }), { numRuns: 60, seed: SEED });
  });
});
