// The base library against lua5.1: results and complete error texts.

import { expectSame } from '../support/both.js';

const cases: Record<string, string> = {
  type: 'print(type(nil), type(1), type("s"), type({}), type(print), type(type), type(coroutine.create(function() end)))\nprint(pcall(type))',
  tostring: 'print(tostring(nil), tostring(true), tostring(12), tostring(1e100), tostring("x"), tostring(-0.0))',
  tonumber: `
print(tonumber("10"), tonumber("0x1F"), tonumber("  12  "), tonumber("1e2"), tonumber("x"), tonumber(nil), tonumber(true))
print(tonumber("ff", 16), tonumber("777", 8), tonumber("zz", 36), tonumber("102", 2), tonumber("  11  ", 2), tonumber(10, 16))
print(pcall(tonumber, "10", 1), pcall(tonumber, "10", 37), pcall(tonumber))
print(tonumber("8", 8), tonumber("", 10), tonumber("", 16), tonumber(" ", 16))
`,
  select: `
print(select("#"), select("#", nil, nil), select(1, "a", "b"), select(2, "a", "b"), select(3, "a"))
print(select(-1, "a", "b"), select(-2, "a", "b"))
print(pcall(select, 0, 1), pcall(select, -3, 1), pcall(select, "x"))
`,
  unpack: `
print(unpack({1, 2, 3}))
print(unpack({1, 2, 3}, 2), unpack({1, 2, 3}, 2, 3), unpack({}, 1, 2))
print(unpack({1, 2}, 3), select("#", unpack({}, 5, 1)))
print(pcall(unpack, {}, 1, 1e6), pcall(unpack))
`,
  rawFunctions: `
local t = setmetatable({}, {__index = function() return "meta" end, __newindex = function() error("no") end})
rawset(t, "a", 1); print(rawget(t, "a"), rawget(t, "b"), t.b)
print(rawequal(t, t), rawequal(t, {}), rawequal(1, 1.0), rawequal("a", "a"))
print(pcall(rawset, t, nil, 1), pcall(rawget, 1), pcall(rawequal, 1), pcall(rawset, {}, 1))
`,
  nextPairsIpairs: `
local t = {10, 20, 30}
local s = 0; for k, v in pairs(t) do s = s + k * v end; print(s)
print(next({}), next({5}), pcall(next, {}, "nokey"), pcall(next))
for i, v in ipairs({1, 2, nil, 4}) do print(i, v) end
print(pairs({}) == next, type(ipairs({})))
print(pcall(pairs), pcall(ipairs))
`,
  assertError: `
print(pcall(assert, true, "unused"), pcall(assert, 1, 2, 3))
print(pcall(assert, false), pcall(assert, nil, "msg"), pcall(function() assert(false) end))
print(pcall(function() assert(false, 42) end), pcall(assert))
print(pcall(error), pcall(error, "lvl", 1), pcall(error, "lvl", 2), pcall(function() error("f", 1) end), pcall(function() error("f", 2) end))
`,
  metatableFunctions: `
print(getmetatable({}), getmetatable(1), pcall(getmetatable))
print(pcall(setmetatable, 1, {}), pcall(setmetatable, {}, 1), pcall(setmetatable, {}))
local t = {}; print(setmetatable(t, nil) == t)
`,
  pcallXpcall: `
print(pcall(function(...) return ... end, 1, nil, 3))
print(pcall(pcall), pcall(42), pcall(nil))
print(xpcall(function() return "ok", 2 end, print))
print(xpcall(function() error("e") end, function(m) return "handled: " .. m end))
print(xpcall(function() error({}) end, function(m) return type(m) end))
print(pcall(xpcall), pcall(xpcall, print))
print(xpcall(error, function(m) return m end))
`,
  fenv: `
local function f() return x end
x = "global"
setfenv(f, {x = "local"}); print(f())
print(getfenv(0) == _G, getfenv(1) == _G, pcall(getfenv, -1), pcall(getfenv, 100))
print(pcall(setfenv, print, {}), pcall(setfenv, 1))
local function g() setfenv(1, {print = print, y = "env"}); print(y) end; g()
local function h() return getfenv(2) end
print(h() == _G)
`,
  loadstring: `
print(loadstring("return 1 + 1")())
print(loadstring("x ="))
print(loadstring("x =", "=name"))
print(loadstring("x =", "@file.lua"))
print(loadstring("error('in chunk')", "chunk"))
print(pcall(loadstring("error('in chunk')")))
print(pcall(loadstring("local a = ... ; return a * 2"), 21))
local f = loadstring("return debug")
print(f() == debug)
print(loadstring("return 1\\n+ nil"))
print(pcall(loadstring("return 1\\n+ nil")))
local long = "" for i = 1, 100 do long = long .. "x" end
print(loadstring(long))
print(loadstring("x = 1\ny = ", long))
`,
  load: `
local parts = {"return ", "1 ", "+ 41"}
local i = 0
print(load(function() i = i + 1; return parts[i] end)())
print(type(load(function() return nil end)))
print(load(function() return {} end))
local n = 0
print(load(function() n = n + 1; if n == 1 then return "return 'x'" end return "" end)())
print(pcall(load), type(load(function() return nil end, "=named")))
print(load(function() error("reader failed") end))
`,
  print: `
print()
print(nil, false, 1, "two")
print("a\\0b", "c")
tostring = function(v) return "<" .. type(v) .. ">" end
print(1, "x")
`,
  versionAndG: 'print(_VERSION, _G._G == _G, _G.print == print)',
  gc: 'print(type(collectgarbage("count")), collectgarbage(), collectgarbage("collect"), pcall(collectgarbage, "bogus"), type(gcinfo()))',
};

describe('base library against lua5.1', () => {
  for (const [name, src] of Object.entries(cases)) {
    it(name, () => {
      expectSame(src);
    });
  }
});

describe('newproxy against lua5.1', () => {
  it('proxies, shared metatables and errors', () => {
    expectSame(`
local u = newproxy(true)
local mt = getmetatable(u)
mt.__index = function(t, k) return k .. "!" end
mt.__len = function() return 7 end
print(type(u), u.foo, #u, getmetatable(newproxy()), getmetatable(newproxy(false)))
local v = newproxy(u); print(getmetatable(v) == mt, v.bar)
print(pcall(newproxy, {}), pcall(newproxy, 1))
print(pcall(function() return u < u end))
print(pcall(function() local x = newproxy() return x.y end))
`);
  });
});
