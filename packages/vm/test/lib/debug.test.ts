// lib/debug.ts: the debug library against lua5.1 (getinfo on levels,
// functions, tail calls and threads; locals; upvalues; per-type
// metatables; environments). Function values are shown by type only.

import { expectSame } from '../support/both.js';

describe('debug library against lua5.1', () => {
  it('getinfo, getlocal/setlocal, upvalues, metatables, fenv', () => {
    expectSame(`local function show(t)
  if t == nil then print("nil") return end
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  for i = 2, #keys do local k, j = keys[i], i - 1 while j >= 1 and keys[j] > k do keys[j + 1] = keys[j] j = j - 1 end keys[j + 1] = k end
  local s = ""
  for _, k in ipairs(keys) do
    local v = t[k]
    if type(v) == "function" or type(v) == "table" then v = type(v) end
    s = s .. k .. "=" .. tostring(v) .. " "
  end
  print(s)
end
local function f(a, b)
  local c = a + b
  show(debug.getinfo(1))
  show(debug.getinfo(2, "nSl"))
  show(debug.getinfo(0))
  print(debug.getlocal(1, 1), debug.getlocal(1, 2), debug.getlocal(1, 3), (debug.getlocal(1, 4)))
  print(debug.setlocal(1, 3, 100), c)
  return c
end
f(1, 2)
show(debug.getinfo(f))
show(debug.getinfo(print))
show(debug.getinfo(f, "L"))
print(debug.getinfo(100))
print(pcall(debug.getinfo, {}))
print(pcall(debug.getinfo, 1, "x"))
local function tc() show(debug.getinfo(2)) show(debug.getinfo(3, "nSl")) end
local function caller() return tc() end
caller()
local up1, up2 = 10, 20
local function g() return up1 + up2 end
print(debug.getupvalue(g, 1), debug.getupvalue(g, 2), debug.getupvalue(g, 3), debug.getupvalue(print, 1))
print(debug.setupvalue(g, 2, 5), g())
print(debug.getmetatable({}), debug.getmetatable(setmetatable({}, {__metatable = "x"})) ~= "x")
debug.setmetatable(10, {__index = function(n, k) return k .. n end, __call = function(n, x) return n * x end})
print((5).foo, (7)(6), pcall(debug.setmetatable, 1))
debug.setmetatable(10, nil)
print(pcall(function() return (5).foo end))
print(debug.getfenv(f) == _G, debug.getfenv(print) == _G, debug.getfenv(1), debug.getregistry() ~= nil)
local e = {}
print(debug.setfenv(g, e) == g, getfenv(g) == e, pcall(debug.setfenv, 1, {}))
print((debug.getlocal(1, 1)))
print(pcall(debug.getlocal, 50, 1))
local co = coroutine.create(function(x) local y = x * 2; coroutine.yield() end)
coroutine.resume(co, 21)
print(debug.getlocal(co, 1, 1), debug.getlocal(co, 1, 2))
show(debug.getinfo(co, 1))
`);
  });
});
