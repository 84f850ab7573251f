// hooks.ts and debug.sethook/gethook/debug: hook traces (event, line, and
// what debug.getinfo(2) says about the hooked function) compared with
// lua5.1's on the same programs, run at test time.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectSame, valua } from '../support/both.js';
import { listCases, readSkipList } from '../support/corpus.js';

/** A hook printing the event, the line and the hooked function's info. */
const HOOK = `local function H(ev, line)
  local i = debug.getinfo(2, "nSl")
  print(ev, line, i.name, i.namewhat, i.short_src, i.linedefined, i.currentline, i.what)
end
`;

const cases: Record<string, string> = {
  'calls, tail calls, loops, multi-line statements': `${HOOK}
local function fact(n)
  if n <= 1 then return 1 end
  return n * fact(n - 1)
end
local function loop(n) local s = 0 for i = 1, n do s = s + i end return s end
local function tail(n) if n == 0 then return "done" end return tail(n - 1) end
debug.sethook(H, "crl")
local a = fact(3)
local b = loop(2)
local c = tail(3)
local t = {1, 2,
  3, 4}
local s = 0
for k, v in ipairs(t) do s = s + v end
while s > 5 do
  s = s - 3
end
repeat s = s + 1 until s > 8
local x = a
  + b
  + #t
if x > 3 then x = x + 1 else
  x = x - 1 end
debug.sethook()
print(a, b, c, s, x)
`,
  'pcall, error, coroutines (yield/resume return hooks)': `${HOOK}
debug.sethook(H, "crl")
print(pcall(error, "boom"))
print(pcall(function() local z = nil; return z.x end))
local co = coroutine.create(function(p)
  local q = coroutine.yield(p + 1)
  return q * 2
end)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, 5))
local w = coroutine.wrap(function() for i = 1, 2 do coroutine.yield(i) end end)
print(w(), w())
debug.sethook()
`,
  'line hook only, backward jumps to the same line': `local lines = {}
debug.sethook(function(ev, l) lines[#lines + 1] = l end, "l")
local n = 0 while n < 3 do n = n + 1 end
for i = 1, 3 do n = n + i end
local function f() return 1 end; local y = f() + f()
repeat n = n - 1 until n < 5
debug.sethook()
print(table and "" or "", #lines, unpack(lines))
`,
  'count hook, with and without line events': `local c = 0
debug.sethook(function(ev, l) c = c + 1 end, "", 3)
for i = 1, 100 do local x = i * 2 end
debug.sethook()
print("count", c)
local evs = {}
debug.sethook(function(ev, l) evs[#evs + 1] = ev .. ":" .. tostring(l) end, "l", 4)
local s = 0
for i = 1, 5 do
  s = s + i
end
debug.sethook()
print(#evs, unpack(evs))
`,
  'gethook, sethook arguments and errors, threads': `print(debug.gethook())
local function h() end
debug.sethook(h, "lcr", 7)
local f, m, n = debug.gethook()
debug.sethook()
print(f == h, m, n)
print(debug.gethook())
debug.sethook(h, "", 0)
local f2, m2, n2 = debug.gethook()
print(f2 == h, m2, n2)
debug.sethook(h, "x", 5)
print(select(2, debug.gethook()), select(3, debug.gethook()))
debug.sethook()
print(pcall(debug.sethook, 1))
print(pcall(debug.sethook, 1, "l"))
print(pcall(debug.sethook, h, {}))
print(pcall(debug.sethook, h, "l", "x"))
local co = coroutine.create(function() return 1 end)
debug.sethook(co, h, "r", 2)
local g, mm, cc = debug.gethook(co)
print(g == h, mm, cc, debug.gethook())
debug.sethook(h, "c", 3)
local co2 = coroutine.create(function() return 1 end)
print(debug.gethook(co2))
debug.sethook()
print(debug.gethook(co2))
`,
  'hooks per coroutine, hooks off inside the hook, errors in hooks': `${HOOK}
local co = coroutine.create(function(a)
  local b = a + 1
  coroutine.yield(b)
  return b * 2
end)
debug.sethook(co, H, "crl")
print(coroutine.resume(co, 1))
print("main runs unhooked")
print(coroutine.resume(co))
local depth = 0
debug.sethook(function(ev, l)
  depth = depth + 1
  local function inner() return 1 end
  inner()
end, "crl")
local z = 1
z = z + 1
debug.sethook()
print("hook calls", depth)
debug.sethook(function(ev, l) if l == 3 then error("in hook " .. ev) end end, "l")
local ok, e = pcall(function()
  local q = 1
  return q
end)
debug.sethook()
print(ok, e)
print(pcall(function()
  debug.sethook(function() coroutine.yield() end, "l")
  local a = 1
end))
debug.sethook()
`,
  'metamethods, tostring through print, varargs, getlocal in hooks': `${HOOK}
local mt = {__index = function(t, k) return k .. "!" end,
  __add = function(a, b) return 42 end,
  __tostring = function() return "obj" end}
local o = setmetatable({}, mt)
local function va(...) return select("#", ...) end
debug.sethook(H, "cr")
local v = o.foo
local w = o + 1
print(o, v, w)
print(va(1, 2, 3))
debug.sethook()
debug.sethook(function(ev, l)
  if l == 9 then print("local", debug.getlocal(2, 1)) end
end, "l")
local function f(x)
  local y = x * 2
  return y
end
print(f(5))
debug.sethook()
`,
};

describe('debug hooks against lua5.1', () => {
  for (const [name, src] of Object.entries(cases)) {
    it(name, () => {
      expectSame(src);
    });
  }
});

describe('debug.debug and collection through bin/valua (needs pnpm build)', () => {
  const root = new URL('../../../../', import.meta.url).pathname;
  const run = (cmd: string, args: string[], input: string) => {
    const r = spawnSync(cmd, args, { cwd: root, input, timeout: 30000 });
    return { out: r.stdout.toString('latin1'), err: r.stderr.toString('latin1'), status: r.status };
  };
  it('debug.debug reads commands from stdin until cont, sharing stdin with io.read', () => {
    const prog = 'debug.debug() print(io.read("*l")) debug.debug()';
    const input = 'print(1+1)\nerror("x")\nlocal a = \ncont\nprint("after")\nx = 1 +\n';
    expect(run(`${root}bin/valua`, ['-e', prog], input)).toEqual(run('lua5.1', ['-e', prog], input));
  });
  it('bin/valua clears weak tables on collectgarbage()', () => {
    const prog = 'local t = setmetatable({}, {__mode="k"}); t[{}] = 1; collectgarbage(); print(next(t))';
    expect(run(`${root}bin/valua`, ['-e', prog], '')).toEqual(run('lua5.1', ['-e', prog], ''));
  });
});

/**
 * The differential corpus (test/lua) run with a hook printing every event
 * and what getinfo(2) says, for several masks: the traces must equal
 * lua5.1's. Cases whose traces differ for reasons outside the hooks:
 */
const HOOK_SKIPS: Record<string, string> = {
  // lua5.1's lexer calls a load() reader again after it returned nil;
  // Valua calls it until the first nil (only hooks or side effects show it).
  'loadstring/load-reader.lua': 'reader calls after the end',
  // lua5.1 calls a failing xpcall handler again for its own error until the
  // C stack overflows; Valua stops at the first failure (same result).
  'pcall-xpcall/xpcall-handler-error.lua': 'handler re-entry',
  // The hook's print fails (tostring = nil) inside lua.c's traceback
  // handler: lua5.1 reports the error twice, with and without traceback.
  'metatables/print-uses-global-tostring.lua': 'hook failing in the message handler',
};

/** lua5.1 on a file, with room for the long traces (spawnSync keeps 1 MB by default). */
function lua51Big(source: string, name: string): { stdout: string; stderr: string; status: number } {
  const dir = mkdtempSync(join(tmpdir(), 'valua-hooks-'));
  writeFileSync(join(dir, name), Buffer.from(source, 'latin1'));
  const r = spawnSync('lua5.1', [name], { cwd: dir, timeout: 60000, maxBuffer: 1 << 28 });
  return { stdout: r.stdout.toString('latin1'), stderr: r.stderr.toString('latin1'), status: r.status ?? -1 };
}

describe('the differential corpus under hooks, against lua5.1', () => {
  const root = new URL('../lua/', import.meta.url).pathname;
  const skips = readSkipList(root);
  const cases = listCases(root).filter((f) => !f.startsWith('stack-overflow/') && !skips.has(f) && HOOK_SKIPS[f] === undefined);
  const masks = ['"crl"', '"", 3', '"lr", 1'];
  for (const mask of masks) {
    it(`mask ${mask}: ${cases.length} programs`, () => {
      const bad: string[] = [];
      for (const f of cases) {
        const src =
          `debug.sethook(function(e, l) local i = debug.getinfo(2, "nSl") print("H", e, l, i.name, i.namewhat, i.currentline, i.linedefined, i.what) end, ${mask})\n` +
          readFileSync(join(root, f), 'latin1');
        const name = f.split('/')[1]!;
        const want = lua51Big(src, name);
        const got = valua(src, name);
        if (got.stdout !== want.stdout || got.stderr !== want.stderr || got.status !== want.status) bad.push(f);
      }
      expect(bad).toEqual([]);
    }, 120000);
  }
});
