// The lookup cache of translated code (src/index-cache.ts) against lua5.1:
// generated programs change a class chain in random ways between probes of
// a hot function's `o:m()` and `o.f`, which translated code resolves
// through the cache. Any change the cache misses shows up as a different
// probe result.

import fc from 'fast-check';
import { lua51, valua } from './support/both.js';

/** Tables of the chain: objects o1..o3 and classes C1..C4. */
const TABLES = ['o1', 'o2', 'o3', 'C1', 'C2', 'C3', 'C4'];
const CLASSES = ['C1', 'C2', 'C3', 'C4'];

const table = fc.constantFrom(...TABLES);
const cls = fc.constantFrom(...CLASSES);
const fnIndex = fc.integer({ min: 1, max: 5 });

/** One change to the chain, as a Lua statement. */
const mutation: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(table, fnIndex).map(([t, j]) => `${t}.m = F[${j}]`),
  table.map((t) => `${t}.m = nil`),
  fc.tuple(table, fnIndex).map(([t, j]) => `rawset(${t}, "m", F[${j}])`),
  fc.tuple(table, fc.integer({ min: 0, max: 99 })).map(([t, v]) => `${t}.f = ${v}`),
  table.map((t) => `${t}.f = nil`),
  fc.tuple(cls, cls).map(([a, b]) => `${a}.__index = ${b}`),
  cls.map((a) => `${a}.__index = nil`),
  cls.map((a) => `${a}.__index = function(t, k) return "fn " .. k end`),
  fc.tuple(cls, cls).map(([a, b]) => `rawset(${a}, "__index", ${b})`),
  fc.tuple(table, cls).map(([t, b]) => `setmetatable(${t}, ${b})`),
  table.map((t) => `setmetatable(${t}, nil)`),
  fc.tuple(table, cls).map(([t, b]) => `debug.setmetatable(${t}, ${b})`),
  table.map((t) => `for i = 1, 20 do ${t}["j" .. i] = i end`),
  table.map((t) => `for i = 1, 20 do ${t}["j" .. i] = nil end`),
  // a key that exists with a nil value gets a value again (no new node)
  fc.tuple(table, fnIndex, fnIndex).map(([t, i, j]) => `${t}.m = F[${i}]; ${t}.m = nil; probe(); ${t}.m = F[${j}]`),
  fc.tuple(table, fc.integer({ min: 0, max: 99 })).map(([t, v]) => `${t}.f = 1; ${t}.f = nil; probe(); ${t}.f = ${v}`),
);

/** A program: the chain, a warm-up of the probes, then mutations each followed by a probe. */
function program(steps: string[]): string {
  const lines = [
    'local F = {}',
    'for j = 1, 5 do F[j] = function(self) return "F" .. j end end',
    'local C1, C2, C3, C4 = {}, {}, {}, {}',
    'C1.__index = C1; C2.__index = C2; C3.__index = C3; C4.__index = C4',
    'setmetatable(C1, C2); setmetatable(C2, C3); setmetatable(C3, C4)',
    'C4.m = F[1]; C3.f = 7',
    'local o1, o2, o3 = setmetatable({}, C1), setmetatable({}, C2), setmetatable({}, C1)',
    'local function call(o) return o:m() end',
    'local function field(o) return o.f end',
    // results go to existing slots: a new key elsewhere would invalidate
    // the cache and hide what a missed invalidation does
    'local out = {}',
    `for i = 1, ${2 * steps.length + 1} do out[i] = false end`,
    'local n = 0',
    'local probe',
    'function probe()',
    '  local r = ""',
    '  for _, o in ipairs({o1, o2, o3}) do',
    '    local ok, v = pcall(call, o)',
    '    local ok2, w = pcall(field, o)',
    '    r = r .. tostring(ok and v or "E") .. "/" .. tostring(ok2 and w or "E") .. " "',
    '  end',
    '  n = n + 1',
    '  out[n] = r',
    'end',
    'for _ = 1, 60 do pcall(call, o1) pcall(field, o1) pcall(call, o2) pcall(field, o2) end',
    'probe()',
  ];
  for (const s of steps) lines.push(s, 'probe()');
  lines.push('for i = 1, n do print(i, out[i]) end');
  return lines.join('\n') + '\n';
}

test('translated o:m() and o.f see every change to a class chain (vs lua5.1)', () => {
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 12 }), (steps) => {
      const src = program(steps);
      expect(valua(src)).toEqual(lua51(src));
    }),
    { numRuns: 150 },
  );
});
