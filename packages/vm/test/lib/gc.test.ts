// collectgarbage and weak tables (lib/base.ts, weak.ts) against lua5.1:
// entries of weak tables whose keys/values are otherwise unreachable are
// gone after collectgarbage(), as in lua5.1; the options' results.

import { expectSame, lua51, valua } from '../support/both.js';
import { canCollect } from '../../src/weak.js';

describe('collectgarbage and weak tables against lua5.1', () => {
  it('has a collector under Node (otherwise these tests prove nothing)', () => {
    expect(canCollect()).toBe(true);
  });

  it('weak keys, weak values, both; strings and numbers are never weak', () => {
    expectSame(`local t = setmetatable({}, {__mode="k"}); t[{}] = 1; collectgarbage(); print(next(t))
local v = setmetatable({}, {__mode="v"})
local keep = {}
v[1] = {}; v[2] = keep; v.x = {}; v.y = "str"; v[{}] = 5; v[3] = function() end; v[4] = 7
collectgarbage()
local n = 0 for k, x in pairs(v) do n = n + 1 end
print(n, v[1], v[2] == keep, v.x, v.y, v[3], v[4])
local kv = setmetatable({}, {__mode="kv"})
local a, b = {}, {}
kv[a] = {}; kv[{}] = b; kv.s = 1; kv.p = a; kv[b] = b
collectgarbage("collect")
local m = 0 for k, x in pairs(kv) do m = m + 1 end
print(m, kv.p == a, kv.s, kv[b] == b)
local s = setmetatable({}, {__mode="k"})
s["key"] = {}; s[1] = {}; s[true] = {}
collectgarbage()
print(type(s.key), type(s[1]), type(s[true]))
`);
  });

  it('inside functions, pcall, coroutines, step, and a value holding its key', () => {
    expectSame(`local function f() local w = setmetatable({}, {__mode="k"}) w[function() end] = 1 collectgarbage() return next(w) end
print(f())
print(pcall(function() local w = setmetatable({}, {__mode="v"}) w[1] = {} w[2] = {} collectgarbage() return #w, w[1] end))
local co = coroutine.wrap(function() local w = setmetatable({}, {__mode="k"}) w[{}] = 1 collectgarbage() coroutine.yield(next(w)) end)
print(co())
local e = setmetatable({}, {__mode="k"})
do local k = {} e[k] = {k} end
collectgarbage()
print(next(e) ~= nil)
local w = setmetatable({}, {__mode="v"})
w.a = {}
print(collectgarbage("step", 100), w.a)
local n = 0
local p = setmetatable({}, {__mode="k"})
for i = 1, 10 do p[{}] = i end
collectgarbage()
for _ in pairs(p) do n = n + 1 end
print(n)
`);
  });

  it('options, their results and errors', () => {
    expectSame(`print(collectgarbage("setpause", 150), collectgarbage("setpause"), collectgarbage("setstepmul", 300), collectgarbage("setstepmul"))
print(collectgarbage("stop"), collectgarbage("restart"), collectgarbage("collect"), collectgarbage())
local gi = gcinfo()
print(type(collectgarbage("count")), type(gi), gi == gi - gi % 1, gi > 0)
print(pcall(collectgarbage, "foo"))
print(pcall(collectgarbage, "count", "x"))
print(type(collectgarbage("step")))
local done = false
for i = 1, 100 do if collectgarbage("step") then done = true break end end
print(done)
`);
  });

  it("the JIT's lookup cache keeps no class alive (index-cache.ts)", () => {
    expectSame(`local seen = setmetatable({}, {__mode = "k"})
local function call(o) return o:m() end
local function field(o) return o.f end
do
  local class = {m = function() return 1 end, f = 2}
  local mid = setmetatable({}, {__index = class})
  local mt = {__index = mid}
  local o = setmetatable({}, mt)
  for i = 1, 100 do call(o) field(o) end
  seen[class] = "class"; seen[mid] = "mid"; seen[mt] = "mt"
end
collectgarbage()
print(next(seen))
`);
  });

  it('count goes down after dropping a big table and collecting', () => {
    const src = `local big = {} for i = 1, 300000 do big[i] = {i} end
local mid = collectgarbage("count")
big = nil
collectgarbage()
local after = collectgarbage("count")
print(after < mid, mid - after > 1000)
`;
    expect(valua(src)).toEqual(lua51(src));
  });
});
