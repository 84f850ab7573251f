#!/usr/bin/env node
// Parse benchmark: Valua's parser (@valua/parser from its dist; build it
// first with `npx tsc -b packages/parser`) against luaparse, on one corpus of
// a few MB built from the parser's golden Lua files and bench/programs, each
// wrapped in `do ... end` and repeated. Reports MB/s for both and the ratio
// Valua/luaparse (> 1 means Valua is faster). Not a test: nothing fails on
// timing; both parsers must accept the corpus.
//
// To compare two versions of Valua's parser, run this once per version with
// `--parser <path to that version's dist/index.js>` (a copy of an older
// build, say): each run measures against luaparse in the same process, so
// the ratios compare even when the machine's load changes between runs.
// (Two Valua builds in one process would share chevrotain's lexer loop and
// slow each other down.)
//
// Usage: node bench/parse.js [--mb 4] [--reps 7] [--parser path/to/dist/index.js]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import luaparse from 'luaparse';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const targetMB = arg('--mb', 4);
const reps = arg('--reps', 7);
const parserAt = process.argv.indexOf('--parser');
const { parse } = parserAt >= 0
  ? await import(pathToFileURL(resolve(process.argv[parserAt + 1])).href)
  : await import('@valua/parser');

function luaFiles(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.lua')).sort().map((f) => readFileSync(join(dir, f), 'latin1'));
}

const pieces = [
  ...luaFiles(join(root, 'packages/parser/test/golden')),
  ...luaFiles(join(benchDir, 'programs')),
].map((src) => `do\n${src.replace(/^#[^\n]*/, '')}\nend\n`);
let corpus = '';
while (corpus.length < targetMB * 1e6) corpus += pieces.join('');
const mb = corpus.length / 1e6;

// The machine may be shared: the contenders take turns within each round, so
// load changes hit all of them alike; each reports its median wall time and
// its median CPU time (user + system of the process, GC threads included),
// which other processes' load disturbs much less.
function timeRounds(fns) {
  const wall = fns.map(() => []);
  const cpu = fns.map(() => []);
  for (let i = 0; i < reps; i++) {
    fns.forEach((fn, k) => {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      fn();
      wall[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
      const c = process.cpuUsage(c0);
      cpu[k].push((c.user + c.system) / 1000);
    });
  }
  const median = (t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
  return fns.map((_, k) => ({ wall: median(wall[k]), cpu: median(cpu[k]) }));
}

// Warm both up (JIT) before timing.
parse(corpus, '=corpus');
luaparse.parse(corpus, { luaVersion: '5.1' });

const [valua, lpDefault, lpLoc] = timeRounds([
  () => parse(corpus, '=corpus'),
  () => luaparse.parse(corpus, { luaVersion: '5.1' }),
  () => luaparse.parse(corpus, { luaVersion: '5.1', locations: true }),
]);

const rate = (ms) => (mb / (ms / 1000)).toFixed(2).padStart(6);
const row = (label, r) => console.log(`${label.padEnd(34)} wall ${r.wall.toFixed(0).padStart(5)} ms ${rate(r.wall)} MB/s   cpu ${r.cpu.toFixed(0).padStart(5)} ms ${rate(r.cpu)} MB/s`);
console.log(`corpus: ${mb.toFixed(2)} MB, median of ${reps} rounds` + (parserAt >= 0 ? `, parser ${process.argv[parserAt + 1]}` : ''));
row('valua (AST with line info)', valua);
row('luaparse (defaults)', lpDefault);
row('luaparse (locations: true)', lpLoc);
const ratio = (a, b) => (a / b).toFixed(2);
console.log(`speed ratio valua/luaparse: wall ${ratio(lpDefault.wall, valua.wall)} (defaults), ${ratio(lpLoc.wall, valua.wall)} (locations); ` +
  `cpu ${ratio(lpDefault.cpu, valua.cpu)} (defaults), ${ratio(lpLoc.cpu, valua.cpu)} (locations)`);
