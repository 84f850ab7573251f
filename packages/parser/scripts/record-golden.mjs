#!/usr/bin/env node
// Records the golden ASTs: for every test/golden/*.lua, checks that luac5.1
// accepts it, then writes what Valua's parser (built dist: run
// `npx tsc -b packages/parser` first) makes of it as test/golden/<name>.json.
// Review the diff before committing: the JSON pins the AST, lines included.
//
// Usage: node packages/parser/scripts/record-golden.mjs
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '../dist/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../test/golden');
for (const f of readdirSync(dir).filter((x) => x.endsWith('.lua')).sort()) {
  const file = join(dir, f);
  const luac = spawnSync('luac5.1', ['-p', file], { encoding: 'latin1' });
  if (luac.status !== 0) throw new Error(`luac5.1 rejects ${f}: ${luac.stderr}`);
  const ast = parse(readFileSync(file, 'latin1'), '@' + f);
  writeFileSync(file.replace(/\.lua$/, '.json'), JSON.stringify(ast, null, 1) + '\n', 'latin1');
  console.log(`recorded ${f}`);
}
