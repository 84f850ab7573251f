// The host-function API of LuaState: argument checks produce lua5.1's
// texts (compared against real 5.1 builtins doing the same checks), calls
// from host code, JS exceptions, the work budget and interrupts.

import { LuaState, MULTRET, type LibTable } from '../src/state.js';
import { LuaTable } from '../src/table.js';
import { LuaHostFunction, type LuaValue } from '../src/value.js';
import { LuaError } from '../src/errors.js';
import { newState, runChunk } from '../src/run.js';
import { resume as resumeThread } from '../src/lib/coroutine.js';
import { lua51, valua } from './support/both.js';

// Host versions of string.rep / string.sub / math.floor, written with the
// API exactly as lstrlib.c / lmathlib.c check their arguments.
const testLib: LibTable = {
  rep(L) {
    const s = L.checkString(1);
    const n = L.checkInteger(2);
    L.push(n <= 0 ? '' : s.repeat(n));
    return 1;
  },
  sub(L) {
    const s = L.checkString(1);
    let i = L.checkInteger(2);
    let j = L.optInteger(3, -1);
    const l = s.length;
    if (i < 0) i = Math.max(l + i + 1, 1);
    else if (i === 0) i = 1;
    if (j < 0) j = l + j + 1;
    else if (j > l) j = l;
    L.push(i <= j ? s.slice(i - 1, j) : '');
    return 1;
  },
  floor(L) {
    L.push(Math.floor(L.checkNumber(1)));
    return 1;
  },
};

const body = `
print(pcall(rep, "ab", 3), pcall(rep, "x", 2.7), pcall(rep, 12, 2), pcall(rep, "x", "3"))
print(pcall(rep, "x"), pcall(rep), pcall(rep, {}, 1), pcall(rep, "x", "y"))
print(pcall(function() rep() end))
print(pcall(function() local r = rep; r("x", nil) end))
print(pcall(function() local t = {f = rep}; t.f(nil) end))
print(pcall(function() return ("x"):rep() end))
print(pcall(function() return ("x"):rep(2) end))
print(pcall(function() return ("abc"):sub({}) end))
print(pcall(sub, "hello", 2), pcall(sub, "hello", -3, -2), pcall(sub, "hello", 2, "x"))
print(pcall(floor, "2.5"), pcall(floor, " 0x10 "), pcall(floor, "z"), pcall(floor, true))
print(pcall(function() floor() end))
`;

describe('argument checks match lua5.1 builtins', () => {
  it('checkString / checkInteger / optInteger / checkNumber texts and call-site names', () => {
    const want = lua51('rep, sub, floor = string.rep, string.sub, math.floor\n' + body);
    const L = newState();
    L.register(undefined, testLib);
    const meta = new LuaTable();
    const strlib = new LuaTable();
    strlib.setStr('rep', L.getGlobal('rep'));
    strlib.setStr('sub', L.getGlobal('sub'));
    meta.setStr('__index', strlib);
    L.g.stringMetatable = meta;
    const got = valua('\n' + body, 'test.lua', { state: L });
    expect(got).toEqual(want);
  });
});

describe('calling Lua from host code', () => {
  it('call, pcall and invoke', () => {
    const L = newState();
    const r = runChunk('function add(a, b) return a + b, "two" end\nfunction bad() error("bad!") end', '=setup', { state: L });
    expect(r.status).toBe(0);
    expect(L.invoke(L.getGlobal('add'), [2, 3])).toEqual([5, 'two']);
    const top = L.top;
    L.push(L.getGlobal('bad'));
    expect(L.pcall(0, MULTRET)).toBe(2);
    expect(L.stack[L.top - 1]).toBe('setup:2: bad!');
    L.top = top;
    expect(() => L.invoke(L.getGlobal('bad'), [])).toThrow(LuaError);
  });

  it("an error out of the embedder's call carries the traceback and leaves the state reusable", () => {
    const L = newState();
    runChunk('function inner() error("deep") end\nfunction outer() inner() end', '@lib.lua', { state: L });
    const top = L.top;
    let caught: unknown;
    try {
      L.invoke(L.getGlobal('outer'), []);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(LuaError);
    const err = caught as LuaError;
    expect(err.value).toBe('lib.lua:1: deep');
    // lua5.1's traceback of the same frames, taken under xpcall: ours is its
    // part above the xpcall frame.
    const ref = lua51('function inner() error("deep") end\nfunction outer() inner() end\nprint(select(2, xpcall(outer, debug.traceback)))', 'lib.lua');
    const refLines = ref.stdout.split('\n');
    const upToXpcall = refLines.slice(1, refLines.findIndex((l) => l.includes("'xpcall'")));
    expect(err.traceback).toBe(upToXpcall.join('\n'));
    expect(L.top).toBe(top);
    expect(L.ci).toBe(0);
    expect(L.invoke(L.getGlobal('tostring'), [12])).toEqual(['12']);
  });

  it('a JS exception in a host function becomes a Lua error', () => {
    const L = newState();
    L.setGlobal('boom', new LuaHostFunction('boom', () => { throw new TypeError('js failure'); }));
    L.setGlobal('huge', new LuaHostFunction('huge', () => { throw new RangeError('Invalid string length'); }));
    let out = '';
    const r = runChunk('print(pcall(boom))\nprint(pcall(huge))\nboom()', '@t.lua', { state: L, stdout: (s) => { out += s; } });
    expect(out).toBe('false\tjs failure\nfalse\tnot enough memory\n');
    expect(r.error).toBe('js failure\nstack traceback:\n\t[C]: in function \'boom\'\n\tt.lua:3: in main chunk\n\t[C]: ?');
  });
});

describe('budget and interrupts', () => {
  it('the budget hook can stop an endless loop', () => {
    const L = newState();
    let calls = 0;
    L.g.setBudgetHook(1000, (L1) => {
      calls++;
      if (calls === 5) throw new LuaError('out of budget');
      void L1;
    });
    const r = runChunk('local i = 0 while true do i = i + 1 end', '=loop', { state: L });
    expect(String(r.errorValue).split('\n')[0]).toBe('out of budget');
    expect(calls).toBe(5);
  });

  it('interrupt() raises its value at the next call or backward jump, through pcall too', () => {
    const L = newState();
    let n = 0;
    L.setGlobal('tick', new LuaHostFunction('tick', (L1) => {
      if (++n === 100) L1.g.interrupt('Script killed');
      return 0;
    }));
    const r = runChunk('while true do pcall(tick) end', '=kill', { state: L });
    expect(String(r.errorValue).split('\n')[0]).toBe('Script killed');
  });

  it('deep recursion ends in "stack overflow", never a JS RangeError', () => {
    const r = runChunk('local function f(n) return f(n + 1) + 1 end\nf(1)', '@deep.lua');
    expect(r.error?.split('\n')[0]).toBe('deep.lua:1: stack overflow');
  });
});

describe('running a script in slices', () => {
  it('a budget hook returning true pauses a coroutine; resuming finishes it', () => {
    const L = newState();
    let out = '';
    L.g.write = (s) => { out += s; };
    const fn = L.load(`
      local t, s = {}, 0
      for i = 1, 20000 do t[i] = i end
      local function sum(a) local r = 0 for i = 1, #a do r = r + a[i] end return r end
      local ok, v = pcall(sum, t)   -- a host crossing: no pause inside
      local j = 0
      while j < 5000 do j = j + 1; s = s + j end
      print(ok, v, s)
      return "done"`, '=sliced');
    const co = L.newThread(fn);
    let slices = 0;
    L.g.setBudgetHook(1000, () => true);
    for (;;) {
      const n = resumeThread(L, co, 0);
      expect(n).toBeGreaterThanOrEqual(0);
      if (!co.paused) {
        expect(L.stack[L.top - 1]).toBe('done');
        L.top -= n;
        break;
      }
      L.top -= n;
      slices++;
    }
    L.g.setBudgetHook(0, undefined);
    expect(slices).toBeGreaterThan(10);
    const plain = newState();
    let want = '';
    runChunk('local t, s = {}, 0 for i = 1, 20000 do t[i] = i end local function sum(a) local r = 0 for i = 1, #a do r = r + a[i] end return r end local ok, v = pcall(sum, t) local j = 0 while j < 5000 do j = j + 1; s = s + j end print(ok, v, s)', '=plain', { state: plain, stdout: (s) => { want += s; } });
    expect(out).toBe(want);
  });
});

describe('tables from host code', () => {
  it('register creates the library table and names the functions', () => {
    const L = new LuaState();
    const t = L.register('mylib', { hello: (L1) => { L1.push('hi'); return 1; } });
    const fn = t.getStr('hello');
    expect(fn).toBeInstanceOf(LuaHostFunction);
    expect((fn as LuaHostFunction).name).toBe('hello');
    expect(L.getGlobal('mylib')).toBe(t);
    const v: LuaValue = L.invoke(fn, [])[0];
    expect(v).toBe('hi');
  });
});
