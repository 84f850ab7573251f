// cjson.decode's fast paths against their definitions: numbers against
// glibc strtod (lua5.1's tonumber), tables against the tables lua_rawset /
// lua_rawseti in document order build (node by node), signed NaNs kept.

import fc from 'fast-check';
import { LuaTable, type LuaValue } from '@valua/vm';
import { JSON_NULL } from '../../src/cjson/null.js';
import { scriptState } from '../script-state.js';
import { libCall } from '../lib-call.js';
import { LUA_EMIT, luaString, records, runLua } from '../lua-run.js';
import { layoutOf } from '../table-layout.js';

const L = scriptState();
const SEED = Number(process.env['FC_SEED'] ?? 20261126);

function decode(text: string): LuaValue {
  const r = libCall(L, 'cjson', 'decode', [text]);
  if (!r.ok) throw new Error(String(r.error));
  return r.values[0];
}

/** %.17g as lua5.1 prints it (so -0 is "-0"). */
function g17(x: number): string {
  if (x !== x) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return 1 / x < 0 ? '-0' : '0';
  return x.toPrecision(17);
}

describe('cjson.decode numbers', () => {
  test('decimal numerals decode to the double glibc strtod gives (lua5.1 tonumber)', () => {
    const digits = (max: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: max });
    const numeral = fc.tuple(fc.constantFrom('', '-'), digits(19), fc.option(fc.nat({ max: 19 }).chain((n) => n === 0 ? fc.constant('') : digits(n))),
      fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 40 }))))
      .map(([s, a, b, e]) => `${s}${a}${b === null ? '' : '.' + b}${e === null ? '' : e[0] + e[1] + e[2]}`);
    const inputs = [...fc.sample(numeral, { numRuns: 3000, seed: SEED }),
      '0', '-0', '-0.0', '0e5', '-0e-30', '1.', '-1.e2', '9007199254740993', '123456789012345', '1234567890123456',
      '0.1', '1e22', '1e23', '123456789012345e22', '123456789012345e-22', '4.35', '1e-7', '1.7976931348623157e308', '5e-324'];
    let src = LUA_EMIT;
    for (const s of inputs) src += `emit(string.format('%.17g', tonumber(${luaString(s)})))\n`;
    const want = records(runLua(src)).map((w) => (w === '-nan' ? 'nan' : w));
    const got = inputs.map((s) => {
      const v = decode(s) as number;
      const inArray = (decode(`[${s}]`) as LuaTable).getInt(1) as number;
      if (!Object.is(v, inArray)) return `array ${g17(inArray)} != ${g17(v)}`;
      // lua5.1's %.17g of the value, read back: compare exact doubles.
      return v;
    });
    for (let i = 0; i < inputs.length; i++) {
      const w = want[i]!;
      const wv = w === '-0' ? -0 : Number(w);
      if (!Object.is(got[i], wv)) throw new Error(`${inputs[i]}: got ${String(got[i])}, lua5.1 ${w}`);
    }
  });

  test('-nan keeps its sign in arrays and objects (cjson.encode spells it without one)', () => {
    const bits = (x: LuaValue): number => {
      const f = new Float64Array([x as number]);
      return new Uint32Array(f.buffer)[1]! >>> 31;
    };
    const arr = decode('[-nan, 1, nan, -nan]') as LuaTable;
    expect([arr.getInt(1), arr.getInt(3), arr.getInt(4)].map(bits)).toEqual([1, 0, 1]);
    const obj = decode('{"a": -nan, "b": [-nan]}') as LuaTable;
    expect(bits(obj.getStr('a'))).toBe(1);
    expect(bits((obj.getStr('b') as LuaTable).getInt(1))).toBe(1);
  });
});

// Documents as pair lists (so duplicate keys and key order are explicit).
type Doc = null | boolean | number | string | { arr: Doc[] } | { obj: [string, Doc][] };

function toJson(d: Doc): string {
  if (d === null) return 'null';
  if (typeof d === 'string') return JSON.stringify(d);
  if (typeof d !== 'object') return String(d);
  if ('arr' in d) return '[' + d.arr.map(toJson).join(', ') + ']';
  return '{' + d.obj.map(([k, v]) => JSON.stringify(k) + ':' + toJson(v)).join(',') + '}';
}

/** What lua_cjson.c does: lua_rawset member by member, lua_rawseti element by element. */
function reference(d: Doc): LuaValue {
  if (d === null) return JSON_NULL;
  if (typeof d !== 'object') return d;
  const t = new LuaTable();
  if ('arr' in d) d.arr.forEach((x, i) => t.setInt(i + 1, reference(x)));
  else for (const [k, v] of d.obj) t.setStr(k, reference(v));
  return t;
}

describe('cjson.decode tables', () => {
  test('are the tables rawset/rawseti in document order build, node by node', () => {
    // Few keys, so that shapes repeat (their layouts are kept and copied);
    // some need escapes, some are prefixes of others.
    const key = fc.oneof(fc.constantFrom('id', 'i', 'name', 'names', 'x/y', 'a"b', 'k\\', 'é', '\u0001', ''), fc.string({ maxLength: 2 }));
    const doc = fc.letrec<{ d: Doc }>((tie) => ({
      d: fc.oneof({ depthSize: 'small', withCrossShrink: true },
        fc.constant(null), fc.boolean(), fc.integer(), fc.string({ maxLength: 4 }),
        fc.array(tie('d'), { maxLength: 5 }).map((arr) => ({ arr })),
        fc.array(fc.tuple(key, tie('d')), { maxLength: 12 }).map((obj) => ({ obj }))),
    })).d;
    // Records repeated in one document, as real data has them.
    const docs = fc.tuple(fc.array(doc, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }))
      .map(([ds, n]) => ({ arr: Array.from({ length: n }, () => ds).flat() }));
    fc.assert(fc.property(docs, (d) => {
      const text = Buffer.from(toJson(d), 'utf8').toString('latin1');
      const want = reference(JSON.parse(JSON.stringify(d), (_k, v: unknown) => (typeof v === 'string' ? Buffer.from(v, 'utf8').toString('latin1') : v)) as Doc);
      expect(layoutOf(decode(text))).toEqual(layoutOf(want));
      return true;
    }), { numRuns: 300, seed: SEED });
  });

  test('keys with escapes, and the same key spelled two ways, find the same shapes', () => {
    const a = decode('[{"ab":1,"c":2},{"ab":1,"c":2},{"a\\u0062":3,"c":4},{"ab":5,"\\u0063":6},{"ab":7,"c":8}]') as LuaTable;
    for (const i of [3, 4, 5]) {
      const n = 2 * i - 3;
      expect(layoutOf(a.getInt(i))).toEqual(layoutOf(reference({ obj: [['ab', n], ['c', n + 1]] })));
    }
  });
});
