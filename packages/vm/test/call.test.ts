// call.ts: protected calls (status, handler at the error point, state
// restored), limits ("stack overflow" as 5.1 counts CallInfos, "C stack
// overflow"), upvalue closing, vararg adjustment - checked against lua5.1
// where Lua can observe them.

import { expectSame } from './support/both.js';
import { newState, runChunk } from '../src/run.js';
import { LUA_ERRERR, LUA_ERRRUN, LUA_OK } from '../src/errors.js';

describe('protected calls', () => {
  it('status codes and the error value in place of the function', () => {
    const L = newState();
    runChunk('function ok(a) return a, 2 end\nfunction bad() error({}) end\nfunction h(m) error("again") end', '=defs', { state: L });
    const top = L.top;
    L.push(L.getGlobal('ok'));
    L.push('x');
    expect(L.pcall(1, 2)).toBe(LUA_OK);
    expect([L.stack[top], L.stack[top + 1], L.top]).toEqual(['x', 2, top + 2]);
    L.top = top;
    L.push(L.getGlobal('bad'));
    expect(L.pcall(0, 0)).toBe(LUA_ERRRUN);
    expect(L.top).toBe(top + 1);
    L.top = top;
    L.push(L.getGlobal('bad'));
    expect(L.pcall(0, 0, L.getGlobal('h'))).toBe(LUA_ERRERR);
    expect(L.stack[top]).toBe('error in error handling');
    L.top = top;
    expect(L.ci).toBe(0);
    expect(L.nCcalls).toBe(0);
  });

  it('the state is reusable after each kind of failure', () => {
    expectSame(`
for i = 1, 3 do
  print(pcall(function() local function f() return f() + 1 end return f() end))
  print(pcall(function() local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return t.x end))
  print(select("#", pcall(error)))
end
local function f() return 1 + f() end
local n = 0
local function count() n = n + 1; return 1 + count() end
pcall(count); print(n); n = 0; pcall(count); print(n)
`);
  });
});

describe('upvalues and varargs', () => {
  it('upvalues close on return, on break and in loops', () => {
    expectSame(`
local fs = {}
for i = 1, 3 do local j = i * 10; fs[#fs + 1] = function() j = j + 1; return i, j end end
print(fs[1](), fs[1](), fs[3]())
local gs = {}
do local x = 1; gs[1] = function() return x end; x = 2 end
print(gs[1]())
local hs = {}
for i = 1, 5 do hs[i] = function() return i end; if i == 2 then break end end
print(hs[1](), hs[2](), hs[3])
local function mk() local a, b = 1, 2; local function get() return a + b end; local function set(v) a = v end; return get, set end
local get, set = mk(); set(40); print(get())
local k = 0
while k < 3 do k = k + 1; local c = k; hs[k] = function() return c end end
print(hs[1](), hs[2](), hs[3]())
`);
  });

  it('vararg functions adjust fixed parameters and extras', () => {
    expectSame(`
local function v(a, b, ...) return a, b, select("#", ...), ... end
print(v()) print(v(1)) print(v(1, 2)) print(v(1, 2, 3, nil, 5))
local function w(...) local x, y = ...; local t = {..., n = select("#", ...)}; return x, y, t.n, #t end
print(w(nil, nil, nil)) print(w(1, 2, 3))
print((function(...) return ... end)(1, 2, 3))
`);
  });
});
