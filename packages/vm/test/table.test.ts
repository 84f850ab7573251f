// LuaTable: raw access, next() iteration, and `#` (luaH_getn's border rule
// over 5.1's array/hash sizing) checked against lua5.1 on generated
// sequences of assignments and constructors.

import fc from 'fast-check';
import { LuaTable, nextEntry } from '../src/table.js';
import { expectSame } from './support/both.js';

describe('LuaTable raw access', () => {
  it('unifies integer-valued float keys and keeps odd keys apart', () => {
    const t = new LuaTable();
    t.set(1, 'a');
    t.set(2.0, 'b');
    t.set(-0, 'z');
    t.set('__proto__', 'p');
    t.set('constructor', 'c');
    t.set(1.5, 'f');
    expect(t.get(1.0)).toBe('a');
    expect(t.getInt(2)).toBe('b');
    expect(t.get(0)).toBe('z');
    expect(t.getStr('__proto__')).toBe('p');
    expect(t.getStr('constructor')).toBe('c');
    expect(t.get(1.5)).toBe('f');
    expect(t.get('1')).toBeUndefined();
  });

  it('next visits every entry once, also while entries are cleared', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: 40 }), fc.string({ maxLength: 3 })), { maxLength: 60 }), (keys) => {
        const t = new LuaTable();
        const want = new Map<unknown, unknown>();
        keys.forEach((k, i) => { t.set(k, i + 1); want.set(k, i + 1); });
        const seen = new Map<unknown, unknown>();
        let k: unknown = undefined;
        while (t.next(k as never)) {
          k = nextEntry.key;
          expect(seen.has(k)).toBe(false);
          seen.set(k, nextEntry.value);
          t.set(k as never, undefined); // clearing during traversal is allowed
        }
        expect(seen).toEqual(want);
      }),
    );
  });

  it('next rejects a key that is not in the table', () => {
    const t = new LuaTable();
    t.set('a', 1);
    expect(() => t.next('b')).toThrow();
  });
});

describe('# against lua5.1', () => {
  it('constructors with nil holes', () => {
    expectSame(`
print(#{1,2,nil,4}, #{1,2,3,nil}, #{nil,nil,3}, #{nil}, #{}, #{1,nil}, #{nil,2})
print(#{1,2,3,nil,5,nil,nil,8}, #{n=1, 1, 2}, #{[1]=1,[2]=2,[4]=4})
local function f(...) return #{...} end
print(f(1,nil,3), f(nil,nil), f(1,2,nil))
`);
  });

  // Random assignment sequences: t[k] = v / t[k] = nil with small integer
  // keys, printing #t after each step. Exercises rehash sizing.
  it('generated assignment sequences', () => {
    const step = fc.tuple(fc.oneof(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 0, max: 80 })), fc.boolean());
    fc.assert(
      fc.property(fc.array(fc.array(step, { minLength: 1, maxLength: 70 }), { minLength: 20, maxLength: 20 }), (progs) => {
        const src = progs
          .map((steps) => 'do local t = {}; local o = {}\n' +
            steps.map(([k, set]) => `t[${k}] = ${set ? 'true' : 'nil'}; o[#o+1] = #t`).join('\n') +
            '\nprint(table_concat(o)) end')
          .join('\n');
        expectSame('local function table_concat(o) local s = "" for i = 1, #o do s = s .. o[i] .. " " end return s end\n' + src);
      }),
      { numRuns: 5 },
    );
  });
});

describe('pairs order against lua5.1 (string, number and boolean keys)', () => {
  const dump = `
local function dump(t)
  local out = ""
  for k, v in pairs(t) do out = out .. tostring(k) .. "=" .. tostring(v) .. " " end
  print(out)
end
`;
  it('constructors and assignments', () => {
    expectSame(dump + `
dump({a = 1, b = 2, c = 3, d = 4, e = 5})
dump({x = 1, y = 2, [1] = "one", [2] = "two", [10] = "ten", [2.5] = "f", [true] = "T", [false] = "F"})
local t = {} for i = 1, 20 do t["k" .. i] = i end dump(t)
local u = {} for i = 20, 1, -1 do u[i * 3] = i end dump(u)
local w = {"a", "b", "c", n = 3, [-1] = "neg", [0] = "zero", [1e10] = "big", [-0.5] = "h"}
dump(w)
`);
  });

  it('deletions, re-insertions and rehashes', () => {
    expectSame(dump + `
local t = {}
for i = 1, 30 do t["key" .. i] = i end
for i = 1, 30, 3 do t["key" .. i] = nil end
dump(t)
for i = 31, 40 do t["key" .. i] = i end
dump(t)
local q = {}
for i = 1, 50 do q[i] = i; if i > 5 then q[i - 5] = nil end end
dump(q)
local g = {_VERSION = 1, print = 2, pairs = 3, ipairs = 4, string = 5, table = 6, math = 7, os = 8, io = 9, next = 10, type = 11}
dump(g)
`);
  });

  it('generated key sets', () => {
    const key = fc.oneof(
      fc.integer({ min: -5, max: 40 }).map(String),
      fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/).map((s) => JSON.stringify(s)),
      fc.constantFrom('true', 'false', '0.5', '1e100', '-3.25', '2^53'),
    );
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(key, fc.boolean()), { maxLength: 40 }), { minLength: 15, maxLength: 15 }), (progs) => {
        const src = progs.map((steps) => 'do local t = {}\n' +
          steps.map(([k, keep], i) => `t[${k}] = ${keep ? i + 1 : 'nil'}`).join('\n') + '\ndump(t) end').join('\n');
        expectSame(dump + src);
      }),
      { numRuns: 6 },
    );
  });
});
