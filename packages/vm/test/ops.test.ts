// Metamethods (every 5.1 event) and their error texts, against lua5.1.

import { expectSame } from './support/both.js';

const cases: Record<string, string> = {
  index: `
local base = {a = 1}
local t = setmetatable({}, {__index = base})
print(t.a, t.b, rawget(t, "a"))
local f = setmetatable({}, {__index = function(t, k) return k .. "!" end})
print(f.x, f[1])
local chain = setmetatable({}, {__index = setmetatable({}, {__index = setmetatable({}, {__index = {deep = "yes"}})})})
print(chain.deep)
`,
  newindex: `
local log = {}
local t = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v * 2) end})
t.a = 1; t.a = 5; print(t.a, #log)
local store = {}
local p = setmetatable({}, {__newindex = store})
p.x = 3; print(rawget(p, "x"), store.x)
print(pcall(function() p[nil] = 1 end))
`,
  call: `
local c = setmetatable({}, {__call = function(self, a, b) return a + b, self end})
local r, s = c(2, 3); print(r, s == c)
print(pcall(setmetatable({}, {__call = 1})))
`,
  arith: `
local mt = {}
for _, e in ipairs({"add", "sub", "mul", "div", "mod", "pow"}) do
  mt["__" .. e] = function(a, b) return e .. "(" .. type(a) .. "," .. type(b) .. ")" end
end
mt.__unm = function(a, b) return "unm " .. type(b) end
local v = setmetatable({}, mt)
print(v + 1, 1 - v, v * v, v / 2, 2 % v, v ^ 2, -v)
print("2" + 3, pcall(function() return {} + 1 end))
`,
  concat: `
local mt = {__concat = function(a, b) return (type(a) == "table" and "T" or a) .. "+" .. (type(b) == "table" and "T" or b) end}
local v = setmetatable({}, mt)
print(v .. "x", "x" .. v, 1 .. v, "a" .. "b" .. v .. "c" .. "d")
`,
  eq: `
local mt = {__eq = function(a, b) return true end}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a == b, a ~= b, a == {}, rawequal(a, b))
local c = setmetatable({}, {__eq = mt.__eq})
print(a == c)
local d = setmetatable({}, {__eq = function() return true end})
print(a == d)
print(setmetatable({}, {__eq = function() return nil end}) == setmetatable({}, {__eq = function() return nil end}))
`,
  ltle: `
local mt = {}
mt.__lt = function(a, b) return a.v < b.v end
local function V(x) return setmetatable({v = x}, mt) end
print(V(1) < V(2), V(2) < V(1), V(1) > V(2), V(1) <= V(1), V(2) >= V(3))
mt.__le = function(a, b) return "le" end
print(V(1) <= V(2), V(5) >= V(1))
print(pcall(function() return V(1) < 1 end))
print(pcall(function() return setmetatable({}, {__lt = function() end}) < setmetatable({}, {__lt = function() end}) end))
`,
  len: `
local t = setmetatable({1, 2, 3}, {__len = function() return 99 end})
print(#t)
print(pcall(function() return #setmetatable({}, {}) end))
`,
  tostring: `
local t = setmetatable({}, {__tostring = function() return "I am t" end})
print(t, tostring(t))
local n = setmetatable({}, {__tostring = function() return 42 end})
print(n)
print(pcall(tostring))
`,
  metatable: `
local t = setmetatable({}, {__metatable = "protected"})
print(getmetatable(t), pcall(setmetatable, t, {}))
print(getmetatable(setmetatable({}, {__metatable = false})))
local w = setmetatable({}, {__mode = "k"}); w[{}] = 1; print(getmetatable(w).__mode)
`,
  indexFunctionError: `
local t = setmetatable({}, {__index = function(t, k) error("no field " .. k) end})
print(pcall(function() return t.foo end))
t.bar = nil
`,
  indexErrorTraceback: `
local t = setmetatable({}, {__index = function(t, k) local x = nil; return x.y end})
local v = t.foo
`,
};

describe('metamethods against lua5.1', () => {
  for (const [name, src] of Object.entries(cases)) {
    it(name, () => {
      expectSame(src);
    });
  }
});

import fc from 'fast-check';

// Generated expressions over a pool of values (numbers, numeric and other
// strings, nil, booleans, tables with and without metamethods), each run
// under pcall: results and error messages must equal lua5.1's.
describe('generated operator expressions against lua5.1', () => {
  const prelude = `
local mt = {__add = function(a, b) return "add" end, __concat = function(a, b) return "cat" end,
  __lt = function(a, b) return true end, __le = function(a, b) return false end,
  __eq = function(a, b) return true end, __unm = function(a) return "unm" end, __len = function() return 3 end,
  __index = function(t, k) return k end}
local A, B = setmetatable({}, mt), setmetatable({}, mt)
local T = {1, 2, x = "y"}
local N, F, S, NS, HS, Z = nil, false, "str", "12", "0x10", 0
local function show(ok, ...)
  local out = {tostring(ok)}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    out[#out + 1] = type(v) == "table" and "table" or tostring(v)
  end
  local s = out[1]
  for i = 2, #out do s = s .. " " .. out[i] end
  print(s)
end
`;
  const atoms = ['1', '2.5', '-3', '0', '(1/0)', '(0/0)', '"7"', '" 8 "', '"x"', 'N', 'F', 'true', 'S', 'NS', 'HS', 'Z', 'A', 'B', 'T', 'T.x', 'T[1]', 'T.nope', 'A.k'];
  const binops = ['+', '-', '*', '/', '%', '^', '..', '==', '~=', '<', '<=', '>', '>=', 'and', 'or'];
  const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...atoms),
      fc.tuple(tie('e'), fc.constantFrom(...binops), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(fc.constantFrom('-', 'not ', '#'), tie('e')).map(([op, a]) => `(${op}${a})`),
    ),
  })).e as fc.Arbitrary<string>;

  it('agree', () => {
    fc.assert(
      fc.property(fc.array(expr, { minLength: 80, maxLength: 80 }), (es) => {
        const body = es.map((e) => `show(pcall(function() return ${e} end))`).join('\n');
        expectSame(prelude + body);
      }),
      { numRuns: 8 },
    );
  });
});
