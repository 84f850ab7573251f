// The dispatch loop: hand-assembled protos, then compiled programs whose
// whole output (stdout, stderr, status) must equal lua5.1's.

import { Op, encodeABC, encodeABx, encodeAsBx } from '../src/opcodes.js';
import { Proto, VARARG_ISVARARG } from '../src/proto.js';
import { LuaClosure } from '../src/value.js';
import { LuaState, MULTRET } from '../src/state.js';
import { expectSame } from './support/both.js';

describe('hand-assembled code', () => {
  it('runs a numeric for loop summing 1..10 and returns the sum', () => {
    // local s = 0; for i = 1, 10 do s = s + i end; return s
    const p = new Proto('=asm');
    p.k = [0, 1, 10];
    p.code = Int32Array.from([
      encodeABx(Op.LOADK, 0, 0), // s = 0
      encodeABx(Op.LOADK, 1, 1), // for init
      encodeABx(Op.LOADK, 2, 2), // limit
      encodeABx(Op.LOADK, 3, 1), // step
      encodeAsBx(Op.FORPREP, 1, 1),
      encodeABC(Op.ADD, 0, 0, 4), // s = s + i
      encodeAsBx(Op.FORLOOP, 1, -2),
      encodeABC(Op.RETURN, 0, 2, 0),
      encodeABC(Op.RETURN, 0, 1, 0),
    ]);
    p.lineinfo = new Int32Array(p.code.length).fill(1);
    p.maxStackSize = 5;
    p.isVararg = VARARG_ISVARARG;
    const L = new LuaState();
    L.push(new LuaClosure(p, L.globals));
    L.call(0, MULTRET);
    expect(L.top - L.base).toBe(1);
    expect(L.stack[L.top - 1]).toBe(55);
  });

  it('closes upvalues and calls closures', () => {
    // local x = 41; local function f() x = x + 1; return x end; return f()
    const inner = new Proto('=asm');
    inner.k = [1];
    inner.numUpvalues = 1;
    inner.upvalueNames = ['x'];
    inner.code = Int32Array.from([
      encodeABC(Op.GETUPVAL, 0, 0, 0),
      encodeABC(Op.ADD, 0, 0, 256),
      encodeABC(Op.SETUPVAL, 0, 0, 0),
      encodeABC(Op.GETUPVAL, 0, 0, 0),
      encodeABC(Op.RETURN, 0, 2, 0),
    ]);
    inner.lineinfo = new Int32Array(inner.code.length).fill(1);
    inner.maxStackSize = 2;
    const main = new Proto('=asm');
    main.k = [41];
    main.p = [inner];
    main.code = Int32Array.from([
      encodeABx(Op.LOADK, 0, 0),
      encodeABx(Op.CLOSURE, 1, 0),
      encodeABC(Op.MOVE, 0, 0, 0), // pseudo: captures local 0
      encodeABC(Op.MOVE, 2, 1, 0),
      encodeABC(Op.CALL, 2, 1, 1), // f()
      encodeABC(Op.CLOSE, 0, 0, 0),
      encodeABC(Op.MOVE, 2, 1, 0),
      encodeABC(Op.TAILCALL, 2, 1, 0), // return f()
      encodeABC(Op.RETURN, 2, 0, 0),
    ]);
    main.lineinfo = new Int32Array(main.code.length).fill(1);
    main.maxStackSize = 3;
    const L = new LuaState();
    L.push(new LuaClosure(main, L.globals));
    L.call(0, 1);
    expect(L.stack[L.top - 1]).toBe(43);
  });
});

const programs: Record<string, string> = {
  arithmetic: `
print(1 + 2, 7 - 10, 3 * 4, 7 / 2, 7 % 3, -7 % 3, 7 % -3, 5.5 % 2, 2 ^ 10, -2 ^ 2, 1 / 0, -1 / 0)
print("10" + 1, "0x10" * 2, " 3 " - 1, 10 .. 20, 1.5 .. "", -(-3), - "2")
local a, b = 7, 0
print(a % b, a / b, -a / b, 0 / b ~= 0 / b)
print(2^53 + 1, 1e300 * 1e10)
`,
  comparison: `
print(1 < 2, 2 <= 2, "a" < "b", "abc" < "abd", "Z" < "a", "" < "a", "a\\0b" < "a\\0c")
print(1 == 1.0, "1" == 1, nil == false, {} == {}, 0/0 == 0/0)
local t = {}; print(t == t, t ~= {})
`,
  logic: `
print(nil and 1, false or nil, 1 and 2, nil or "x", not nil, not 0, 1 and nil or 3)
local x = nil; local y = x or {}; print(type(y))
`,
  strings: `
local s = "a" .. "b" .. 1 .. 2.5 .. "c"
print(s, #s, #"", "x" .. 1e100, 1 .. "")
`,
  loops: `
for i = 1, 3 do io_write = nil; print(i) end
for i = 3, 1, -1 do print(i) end
for i = 1, 0 do print("never") end
for i = 0.1, 0.5, 0.1 do print(i) end
for i = "1", "2" do print(i, type(i)) end
local n = 0; while n < 5 do n = n + 1 end; print(n)
repeat n = n - 1 until n == 0; print(n)
for i = 1, 3 do if i == 2 then break end print("b", i) end
`,
  forErrors: `
print(pcall(function() for i = nil, 1 do end end))
print(pcall(function() for i = 1, {} do end end))
print(pcall(function() for i = 1, 2, "x" do end end))
`,
  varargs: `
local function f(...) return select('#', ...), ... end
print(f())
print(f(nil, nil))
print(f(1, 2, 3))
local function g(a, ...) local t = {...}; return a, #t, ... end
print(g(1, 2, 3))
print((f(1, 2, 3)))
local function h(...) local a, b = ...; return a, b end
print(h(5))
local function old(...) return arg.n, arg[1], arg[2] end
print(old(7, 8))
print(select(2, "a", "b", "c"), select(-1, "a", "b"))
`,
  closures: `
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
local gs = {}
local j = 0
while j < 3 do j = j + 1; local k = j; gs[j] = function() k = k + 10; return k end end
print(gs[1](), gs[1](), gs[2]())
local function counter() local c = 0; return function() c = c + 1; return c end end
local c1, c2 = counter(), counter()
print(c1(), c1(), c2())
local function shared() local v = 0; return function() v = v + 1 return v end, function() return v end end
local inc, get = shared(); inc(); inc(); print(get())
`,
  tailcalls: `
local function loop(n) if n == 0 then return "done" end return loop(n - 1) end
print(loop(200000))
local function a(n) if n > 0 then return a(n - 1) end return n end
print(a(30000))
`,
  multret: `
local function three() return 1, 2, 3 end
local t = {three(), three()}
print(#t, t[4], t[5])
local u = {three(), (three())}
print(#u)
print(three(), "x")
print((three()))
local big = {}
for i = 1, 120 do big[i] = i end
local function unpack2(t, i) i = i or 1; if t[i] then return t[i], unpack2(t, i + 1) end end
local r = {unpack2(big)}
print(#r, r[120])
local lits = {1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60, three()}
print(#lits, lits[63])
`,
  tables: `
local t = {x = 1, ["y"] = 2, [3] = 3, 10, 20}
print(t.x, t.y, t[3], t[1], t[2], #t)
t.x = nil; print(t.x)
local n = 0; for k, v in pairs(t) do n = n + 1 end; print(n)
for i, v in ipairs({5, 6, nil, 8}) do print(i, v) end
local k = {}; t[k] = "key"; print(t[k])
t[1.0] = "one"; print(t[1])
t[2^53] = "big"; print(t[2^53])
print(pcall(function() t[nil] = 1 end))
print(pcall(function() t[0/0] = 1 end))
print(t[nil], t[0/0])
`,
  globals: `
x = 5; print(x, _G.x); _G.y = 6; print(y)
local env = {print = print}
local function f() z = 1; return z end
setfenv(f, env); print(f(), env.z, z)
print(getfenv(f) == env, getfenv(print) == _G, getfenv() == _G)
`,
};

describe('compiled programs against lua5.1', () => {
  for (const [name, src] of Object.entries(programs)) {
    it(name, () => {
      expectSame(src);
    });
  }
});

describe('call setup', () => {
  it('drops extra arguments so later locals start nil', () => {
    expectSame('local function f(a) local b; print(a, b) end f(1, 2)\nlocal function g(a, ...) local c; print(a, c, ...) end g(1, 2, 3)');
  });
});
