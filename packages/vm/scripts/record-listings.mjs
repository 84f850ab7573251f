#!/usr/bin/env node
// Records the golden listings: for every test/golden/listings/*.lua, runs
// `luac5.1 -l -l -p` in that directory and stores its stdout (addresses
// normalised by normaliseListing below) as <name>.luac.txt. Run it after
// adding a .lua file: `node packages/vm/scripts/record-listings.mjs`.
// Never edit a .luac.txt by hand.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'golden', 'listings');

/** Replaces each distinct 0x... address by 0x#1, 0x#2... in order of first
 *  appearance (so a CLOSURE comment still has to point at the right function). */
export function normaliseListing(text) {
  const seen = new Map();
  return text.replace(/0x[0-9a-f]+/g, (a) => {
    if (!seen.has(a)) seen.set(a, `0x#${seen.size + 1}`);
    return seen.get(a);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = process.argv.slice(2);
  let n = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.lua')).sort()) {
    if (only.length > 0 && !only.includes(file)) continue;
    const r = spawnSync('luac5.1', ['-l', '-l', '-p', file], { cwd: dir, encoding: 'latin1' });
    if (r.error) throw r.error;
    const out = r.status === 0 ? normaliseListing(r.stdout) : `error: ${r.stderr}`;
    writeFileSync(join(dir, file.replace(/\.lua$/, '.luac.txt')), Buffer.from(out, 'latin1'));
    n++;
  }
  console.log(`recorded ${n} listings in ${dir}`);
}
