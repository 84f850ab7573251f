// fast-check: random chunks (gen-lua.ts) list the same under our compiler as
// under luac5.1. Each run writes a batch of chunks to a temp dir and lists
// them with one luac5.1 call (luac lists every file's main after its
// combined `(luac)` main), then compares chunk by chunk.
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileSource } from '../../src/compiler/index.js';
import { listing } from '../../src/disasm.js';
import { LuaGen, normaliseListing } from './gen-lua.js';

const hasLuac = spawnSync('luac5.1', ['-v']).status === 0;
const BATCH = 40;

/** luac5.1 -l -l -p on many files: one listing per file (the leading `(luac)` main dropped). */
function luacListings(dir: string, names: string[]): string[] {
  const r = spawnSync('luac5.1', ['-l', '-l', '-p', ...names], { cwd: dir, encoding: 'latin1', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`luac5.1 failed: ${r.stderr}`);
  const parts = r.stdout.split(/(?=\nmain <)/);
  if (names.length > 1) parts.shift();
  return parts;
}

function checkBatch(seeds: number[]): void {
  const dir = mkdtempSync(join(tmpdir(), 'valua-gen-'));
  try {
    const names: string[] = [];
    const sources: string[] = [];
    seeds.forEach((seed, i) => {
      const src = new LuaGen(seed).chunk();
      const name = `g${i}.lua`;
      writeFileSync(join(dir, name), Buffer.from(src, 'latin1'));
      names.push(name);
      sources.push(src);
    });
    const expected = luacListings(dir, names);
    expect(expected.length).toBe(names.length);
    names.forEach((name, i) => {
      const got = normaliseListing(listing(compileSource(sources[i]!, '@' + name), { full: true }));
      const want = normaliseListing(expected[i]!);
      if (got !== want) {
        const w = want.split('\n');
        const g = got.split('\n');
        let k = 0;
        while (k < w.length && w[k] === g[k]) k++;
        const ctx = (xs: string[]) => xs.slice(Math.max(0, k - 8), k + 4).join('\n');
        throw new Error(`listing differs for seed ${seeds[i]} at line ${k + 1}:\n${sources[i]}\n` +
          `--- luac5.1\n${ctx(w)}\n--- valua\n${ctx(g)}`);
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

(hasLuac ? describe : describe.skip)('generated chunks list like luac5.1', () => {
  test('random statements and expressions', () => {
    fc.assert(fc.property(fc.array(fc.integer(), { minLength: BATCH, maxLength: BATCH }), (seeds) => {
      checkBatch(seeds);
    }), { numRuns: Number(process.env.VALUA_FC_RUNS ?? 8) });
  });
});

// Conditions are where lcode.c is subtlest (jump lists, TESTSET vs TEST,
// LOADBOOL pairs, NOT removal, constant operands): every shape
// `[not] ([not] a op [not] (b op [not] c))` used as a value, an `if`, a
// `while` and a `repeat` condition.
const ATOMS = ['(1 < 2)', '(1 >= 2)', 'F()', 'nil', 'x', '3', 'true', '"s"', '(y)'];
const COND_OPS = ['and', 'or', '==', '~=', '<', '>='];
const NOTS = ['', 'not '];

function conditionBlock(n1: string, n2: string, a: string, o1: string, n3: string, b: string, o2: string, n4: string, c: string): string {
  const e = `${n1}(${n2}${a} ${o1} ${n3}(${b} ${o2} ${n4}${c}))`;
  return `do
  local a = ${e}
  local b = not ${e}
  if ${e} then X = a else X = b end
  while ${e} do W = a; break end
  repeat if (${e}) then break end; assert(b) until not (${e})
end`;
}

(hasLuac ? describe : describe.skip)('generated conditions list like luac5.1', () => {
  test('and/or/not/comparison combinations', () => {
    const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
    const combo = fc.tuple(pick(NOTS), pick(NOTS), pick(ATOMS), pick(COND_OPS), pick(NOTS), pick(ATOMS),
      pick(COND_OPS), pick(NOTS), pick(ATOMS));
    fc.assert(fc.property(fc.array(combo, { minLength: 150, maxLength: 150 }), (combos) => {
      const src = combos.map((c) => conditionBlock(...c)).join('\n') + '\n';
      const dir = mkdtempSync(join(tmpdir(), 'valua-cond-'));
      try {
        writeFileSync(join(dir, 'c.lua'), src);
        const [want] = luacListings(dir, ['c.lua']);
        expect(normaliseListing(listing(compileSource(src, '@c.lua'), { full: true }))).toBe(normaliseListing(want!));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }), { numRuns: Number(process.env.VALUA_FC_RUNS ?? 8) });
  });
});
