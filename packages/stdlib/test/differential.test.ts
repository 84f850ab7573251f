// Differential corpus: every test/lua/<lib>/*.lua runs on the real lua5.1
// (cwd = test/lua, TZ=UTC, stdin from <case>.stdin or empty) and on Valua (the VM's runChunk, as
// lua.c runs a script, with these libraries opened); stdout, stderr and the
// exit status must be identical ("lua5.1:" is normalised to "valua:").
// Cases listed in test/lua/skip.txt must still differ, so a fixed case
// leaves the list in the change that fixes it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listCases, readSkipList } from '../../vm/test/support/corpus.js';
import { LuaError, newState, runChunk } from '@valua/vm';
import { openLibs } from '../src/open.js';
import { utcZone } from '../src/time.js';
import { nodeHost } from './node-host.js';

const corpusDir = join(dirname(fileURLToPath(import.meta.url)), 'lua');
const TIME_LIMIT_MS = 10_000;

interface Outcome { stdout: string; stderr: string; status: number }



function stdinOf(rel: string): string {
  try {
    return readFileSync(join(corpusDir, rel.replace(/\.lua$/, '.stdin')), 'latin1');
  } catch {
    return '';
  }
}

function runLua51(rel: string): Outcome {
  const input = Buffer.from(stdinOf(rel), 'latin1');
  const r = spawnSync('lua5.1', [rel], { cwd: corpusDir, input, env: { ...process.env, TZ: 'UTC' }, timeout: 30_000 });
  return {
    stdout: r.stdout.toString('latin1'),
    stderr: r.stderr.toString('latin1').replace(/^lua5\.1:/gm, 'valua:'),
    status: r.status ?? -1,
  };
}

/** lua5.1's outcome per case, run once for both Valua passes. */
const lua51Outcomes = new Map<string, Outcome>();
function reference(rel: string): Outcome {
  let o = lua51Outcomes.get(rel);
  if (o === undefined) {
    o = runLua51(rel);
    lua51Outcomes.set(rel, o);
  }
  return o;
}

/** jitThreshold 1: every function translated before it runs (the VM's default otherwise). */
function runValua(rel: string, jitThreshold?: number): Outcome {
  const out: string[] = [];
  const err: string[] = [];
  const deadline = Date.now() + TIME_LIMIT_MS;
  const L = newState();
  if (jitThreshold !== undefined) L.g.jitThreshold = jitThreshold;
  openLibs(L, { host: { ...nodeHost(corpusDir, stdinOf(rel), out, err), zone: utcZone } });
  L.g.setBudgetHook(10_000, () => {
    if (Date.now() > deadline) throw new LuaError('time limit exceeded');
  });
  const source = readFileSync(join(corpusDir, rel), 'latin1');
  const r = runChunk(source, '@' + rel, { state: L, stdout: (s) => void out.push(s) });
  if (r.error !== undefined) err.push(`valua: ${r.error}\n`);
  return { stdout: out.join(''), stderr: err.join(''), status: r.status === 0 ? 0 : 1 };
}

const cases = listCases(corpusDir);
const skips = readSkipList(corpusDir);

test('skip list names existing cases', () => {
  for (const rel of skips.keys()) expect(cases).toContain(rel);
});

test.each(cases.filter((c) => !skips.has(c)))('%s matches lua5.1', (rel) => {
  expect(runValua(rel)).toEqual(reference(rel));
});

test.each(cases.filter((c) => !skips.has(c)))('%s matches lua5.1 with everything translated', (rel) => {
  expect(runValua(rel, 1)).toEqual(reference(rel));
});

const skipped = cases.filter((c) => skips.has(c));
if (skipped.length > 0) {
  test.each(skipped)('%s (skip-listed) still differs from lua5.1', (rel) => {
    let actual: Outcome | string;
    try {
      actual = runValua(rel);
    } catch (e) {
      actual = `threw ${String(e)}`;
    }
    expect(actual).not.toEqual(runLua51(rel));
  });
}
