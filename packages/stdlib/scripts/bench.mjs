// Library micro-benchmarks: the same Lua programs on Valua (built dist/) and
// lua5.1, wall time of each in the same run (best of 3 for both; the first
// Valua run also pays for JIT warm-up). Usage (after `npx tsc -b
// packages/stdlib`): node packages/stdlib/scripts/bench.mjs
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newState, runChunk } from '@valua/vm';
import { openLibs } from '../dist/index.js';

const PROGRAMS = {
  'gsub %w+ with function (1 MB)': `
    local s = string.rep("hello world, foo bar baz! ", 40000)
    local n = 0
    local r = s:gsub("%w+", function(w) n = n + #w return w:upper() end)
    print(#r, n)`,
  'find/match/gmatch mix': `
    local s = string.rep("key=value; ", 2000)
    local c = 0
    for i = 1, 50 do
      for k, v in s:gmatch("(%w+)=(%w+)") do c = c + #k + #v end
      c = c + (s:find("value;", 1, true)) + #s:match("^(.-);")
    end
    print(c)`,
  'string.format mixed (200k)': `
    local t = {}
    for i = 1, 200000 do t[#t + 1] = string.format("%d:%s:%5.2f:%x", i, "ab", i / 7, i) end
    print(#table.concat(t))`,
  'table.sort 200k numbers': `
    local t = {}
    local x = 1
    for i = 1, 200000 do x = (x * 16807) % 2147483647 t[i] = x end
    table.sort(t)
    print(t[1], t[#t])`,
  'table.sort 50k with comparator': `
    local t = {}
    local x = 1
    for i = 1, 50000 do x = (x * 16807) % 2147483647 t[i] = x end
    table.sort(t, function(a, b) return a > b end)
    print(t[1], t[#t])`,
  'insert/remove/concat (100k)': `
    local t = {}
    for i = 1, 100000 do table.insert(t, i) end
    for i = 1, 1000 do table.insert(t, 1, i) table.remove(t, 1) end
    local s = 0
    while #t > 0 do s = s + table.remove(t) end
    print(s)`,
  'math sin/exp/log/pow/atan2 (200k each)': `
    local s = 0
    for i = 1, 200000 do
      local x = i / 1000
      s = s + math.sin(x) + math.exp(-x) + math.log(x) + math.pow(x, 0.37) + math.atan2(x, 3)
    end
    print(string.format("%.10g", s))`,
  'sub/byte/char/rep/upper (300k)': `
    local s = string.rep("abcdefghij", 100)
    local acc = 0
    for i = 1, 300000 do
      local j = i % 990 + 1
      acc = acc + s:byte(j) + #s:sub(j, j + 5) + #string.char(65 + i % 26):rep(3):upper()
    end
    print(acc)`,
};

const dir = mkdtempSync(join(tmpdir(), 'valua-bench-'));
for (const [name, src] of Object.entries(PROGRAMS)) {
  const file = join(dir, 'b.lua');
  writeFileSync(file, src);
  let luaMs = Infinity, valuaMs = Infinity, first = 0, same = true, ref;
  for (let k = 0; k < 3; k++) {
    let t0 = process.hrtime.bigint();
    ref = spawnSync('lua5.1', [file]);
    luaMs = Math.min(luaMs, Number(process.hrtime.bigint() - t0) / 1e6);
    const out = [];
    const L = newState();
    openLibs(L, {});
    t0 = process.hrtime.bigint();
    const r = runChunk(src, '=bench', { state: L, stdout: (s) => out.push(s) });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (k === 0) first = ms;
    valuaMs = Math.min(valuaMs, ms);
    same = same && out.join('') === ref.stdout.toString('latin1') && r.error === undefined;
  }
  console.log(`${name.padEnd(34)} lua5.1 ${luaMs.toFixed(0).padStart(6)} ms   valua ${valuaMs.toFixed(0).padStart(6)} ms (first ${first.toFixed(0)})   x${(valuaMs / luaMs).toFixed(2)}  ${same ? 'same output' : 'OUTPUT DIFFERS'}`);
}
