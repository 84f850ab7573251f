// dumpProto against the real binaries, byte for byte: string.dump in lua5.1
// of every corpus chunk (one lua5.1 run over all files), `luac5.1 -o` and
// `luac5.1 -s -o` of the same files, and string.dump of random generated
// chunks (gen-lua.ts), whose nested functions, upvalues, locals and number
// constants all reach the dump.
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileSource } from '../src/compiler/index.js';
import { dumpProto } from '../src/dump.js';
import { LuaGen } from './compiler/gen-lua.js';
import { compileFile, corpusFiles, lua51Records, root } from './chunk-support.js';

const hasLua = spawnSync('lua5.1', ['-v']).status === 0 && spawnSync('luac5.1', ['-v']).status === 0;

/** Where two byte strings first differ, for a readable failure. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `lengths ${a.length} vs ${b.length}, first difference at byte ${i}`;
}

function expectSameBytes(got: string, want: string, what: string): void {
  if (got !== want) throw new Error(`${what}: dump differs from lua5.1 (${firstDifference(got, want)})`);
}

const DUMP_FILES = `
for _, p in ipairs(arg) do
  local f = loadfile(p)
  if f then local d = string.dump(f) io.write(#d, "\\n", d) else io.write("-1\\n") end
end`;

(hasLua ? describe : describe.skip)('dumpProto equals lua5.1 byte for byte', () => {
  const files = corpusFiles();

  test('string.dump(loadfile(f)) for every corpus file', () => {
    expect(files.length).toBeGreaterThan(100);
    const want = lua51Records(DUMP_FILES, files, root);
    expect(want.length).toBe(files.length);
    let compared = 0;
    files.forEach((f, i) => {
      const w = want[i];
      if (w === null || w === undefined) return; // lua5.1 rejects it (syntax-error cases)
      const p = compileFile(readFileSync(join(root, f), 'latin1'), '@' + f);
      expectSameBytes(dumpProto(p), w, f);
      compared++;
    });
    expect(compared).toBeGreaterThan(100);
  });

  test('luac5.1 -o and -s -o for every corpus file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'valua-dump-'));
    try {
      let compared = 0;
      for (const f of files) {
        const out = join(dir, 'out');
        const outS = join(dir, 'out-s');
        if (spawnSync('luac5.1', ['-o', out, f], { cwd: root }).status !== 0) continue;
        expect(spawnSync('luac5.1', ['-s', '-o', outS, f], { cwd: root }).status).toBe(0);
        const p = compileFile(readFileSync(join(root, f), 'latin1'), '@' + f);
        expectSameBytes(dumpProto(p), readFileSync(out, 'latin1'), f);
        expectSameBytes(dumpProto(p, true), readFileSync(outS, 'latin1'), `${f} (stripped)`);
        compared++;
      }
      expect(compared).toBeGreaterThan(100);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('string.dump of generated chunks and of every function they create', () => {
    // Each chunk is loaded with a name of its own; lua5.1 dumps it, and we
    // dump our compilation of the same text under the same name.
    const script = `
local src = io.read("*a")
for chunk in src:gmatch("(.-)%z") do
  local f = loadstring(chunk, "=gen")
  if f then local d = string.dump(f) io.write(#d, "\\n", d) else io.write("-1\\n") end
end`;
    fc.assert(fc.property(fc.array(fc.integer(), { minLength: 40, maxLength: 40 }), (seeds) => {
      const chunks = seeds.map((s) => new LuaGen(s).chunk());
      const recs = lua51Records(script, [], root, chunks.map((c) => c + '\0').join(''));
      expect(recs.length).toBe(chunks.length);
      let compared = 0;
      chunks.forEach((c, i) => {
        const w = recs[i];
        if (w === null || w === undefined) return;
        expectSameBytes(dumpProto(compileSource(c, '=gen')), w, `seed ${seeds[i]}:\n${c}`);
        compared++;
      });
      expect(compared).toBeGreaterThan(chunks.length / 2);
    }), { numRuns: Number(process.env['VALUA_FC_RUNS'] ?? 5) });
  });
});

describe('dumpProto layout', () => {
  test('header, and a stripped chunk keeps code and constants but no names or lines', () => {
    const p = compileSource('local x = 1 return function() return x end', '=t');
    const full = dumpProto(p);
    const stripped = dumpProto(p, true);
    expect(full.startsWith('\x1bLuaQ\x00\x01\x04\x08\x04\x08\x00')).toBe(true);
    expect(full).toContain('=t\0');
    expect(stripped).not.toContain('=t');
    expect(stripped.length).toBeLessThan(full.length);
  });
});
