// The coroutine library against lua5.1: resume/yield value passing, yields
// from any Lua depth, status, wrap, errors and their exact texts.

import { expectSame } from '../support/both.js';

const cases: Record<string, string> = {
  basic: `
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  return d + e, "end"
end)
print(coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co))
print(coroutine.resume(co))
`,
  deepYield: `
local function rec(n) if n == 0 then coroutine.yield("bottom") return 0 end return 1 + rec(n - 1) end
local co = coroutine.wrap(function() return rec(100) end)
print(co()); print(co())
`,
  generator: `
local function range(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end) end
local s = 0; for i in range(10) do s = s + i end; print(s)
`,
  statusRunningNormal: `
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function() print(coroutine.status(outer)); print(coroutine.running() ~= nil) end)
  print(coroutine.status(outer)); coroutine.resume(inner)
end)
coroutine.resume(outer)
print(coroutine.status(outer), coroutine.running())
`,
  errors: `
local co = coroutine.create(function() error("oops") end)
print(coroutine.resume(co))
print(coroutine.resume(co))
print(coroutine.status(co))
local co2 = coroutine.create(function() error({code = 1}) end)
local ok, e = coroutine.resume(co2); print(ok, type(e), e.code)
local self
self = coroutine.create(function() return coroutine.resume(self) end)
print(coroutine.resume(self))
print(pcall(coroutine.create, print))
print(pcall(coroutine.resume, 1))
print(pcall(coroutine.status))
print(pcall(coroutine.yield, 1))
`,
  yieldAcrossPcall: `
local co = coroutine.create(function() return pcall(coroutine.yield, 1) end)
print(coroutine.resume(co))
local co2 = coroutine.create(function()
  local t = setmetatable({}, {__index = function() return coroutine.yield("meta") end})
  return t.x
end)
print(coroutine.resume(co2))
local co3 = coroutine.create(function() for x in function() coroutine.yield(1) end do end end)
print(coroutine.resume(co3))
`,
  pcallInside: `
local co = coroutine.create(function()
  local ok, msg = pcall(function() error("inner") end)
  coroutine.yield(ok, msg)
  return "after"
end)
print(coroutine.resume(co)); print(coroutine.resume(co))
`,
  wrapErrors: `
print(pcall(coroutine.wrap(function() error("x") end)))
print(select("#", pcall(coroutine.wrap(function() error({}) end))), type(select(2, pcall(coroutine.wrap(function() error({}) end)))))
print(pcall(coroutine.wrap(function() local x = nil; x() end)))
local w = coroutine.wrap(function() end); w()
print(pcall(w))
`,
  wrapUncaught: `
local w = coroutine.wrap(function() error("from wrap") end)
w()
`,
  yieldTail: `
local co = coroutine.wrap(function(...) local a = ... ; while true do a = coroutine.yield(a * 2) end end)
print(co(1), co(2), co(3))
local co2 = coroutine.wrap(function() return coroutine.yield(1) end)
print(co2(), co2("last"))
`,
  manyArgs: `
local co = coroutine.wrap(function(...) local n = select("#", ...); return n, coroutine.yield(...) end)
print(co(1, nil, 3, nil))
print(co("a", "b"))
`,
};

describe('coroutines against lua5.1', () => {
  for (const [name, src] of Object.entries(cases)) {
    it(name, () => {
      expectSame(src);
    });
  }
});
