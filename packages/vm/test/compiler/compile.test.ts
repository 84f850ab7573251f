// The compiler against luac5.1: golden listings recorded by
// scripts/record-listings.mjs, the same files re-listed by the live luac5.1
// when it is installed (so CI re-checks the goldens), and snippets for the
// compile-time errors.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSource } from '../../src/compiler/index.js';
import { listing } from '../../src/disasm.js';
import { normaliseListing } from './gen-lua.js';

const here = dirname(fileURLToPath(import.meta.url));
const goldenDir = join(here, '..', 'golden', 'listings');
const files = readdirSync(goldenDir).filter((f) => f.endsWith('.lua')).sort();

function ours(file: string): string {
  const src = readFileSync(join(goldenDir, file), 'latin1');
  return normaliseListing(listing(compileSource(src, '@' + file), { full: true }));
}

const hasLuac = spawnSync('luac5.1', ['-v']).status === 0;

describe('golden listings (luac5.1 -l -l)', () => {
  test.each(files)('%s', (file) => {
    const golden = readFileSync(join(goldenDir, file.replace(/\.lua$/, '.luac.txt')), 'latin1');
    expect(ours(file)).toBe(golden);
  });
});

(hasLuac ? describe : describe.skip)('live luac5.1 agrees with the goldens', () => {
  test.each(files)('%s', (file) => {
    const r = spawnSync('luac5.1', ['-l', '-l', '-p', file], { cwd: goldenDir, encoding: 'latin1' });
    expect(r.status).toBe(0);
    const golden = readFileSync(join(goldenDir, file.replace(/\.lua$/, '.luac.txt')), 'latin1');
    expect(normaliseListing(r.stdout)).toBe(golden);
  });
});
