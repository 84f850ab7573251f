// debug.ts: tracebacks (levels, "..." past 22 levels, tail calls, host
// frames, coroutines) and variable naming, against lua5.1.

import { expectSame } from './support/both.js';

describe('tracebacks against lua5.1', () => {
  it('debug.traceback levels and messages', () => {
    expectSame(`
local function a() print(debug.traceback("here")) print(debug.traceback("lvl2", 2)) print(debug.traceback(nil)) print(type(debug.traceback({}))) end
local function b() a() end
b()
print(debug.traceback("top", 1))
print(debug.traceback("zero", 0))
print(debug.traceback(12))
`);
  });

  it('long stacks are cut with "..."', () => {
    expectSame(`
local function r(n) if n == 0 then print(debug.traceback("deep")) return end r(n - 1) end
r(10) r(11) r(12) r(25) r(40)
`);
  });

  it('tail calls and host frames', () => {
    expectSame(`
local function leaf() print(debug.traceback()) end
local function tail() return leaf() end
tail()
local t = setmetatable({}, {__index = function() print(debug.traceback("meta")) end})
local _ = t.x
pcall(function() print(debug.traceback("in pcall")) end)
for k in (function() print(debug.traceback("iter")) end) do end
`);
  });

  it('coroutine tracebacks', () => {
    expectSame(`
local co = coroutine.create(function() local function inner() coroutine.yield() end inner() end)
coroutine.resume(co)
print(debug.traceback(co))
print(debug.traceback(co, "msg"))
print(debug.traceback(co, "one", 1))
local w = coroutine.wrap(function() print(debug.traceback("inside")) end)
w()
`);
  });

  it('uncaught error in a deep stack', () => {
    expectSame('local function r(n) if n == 0 then local x = nil; return x.field end return (r(n - 1)) end\nr(30)');
  });
});
