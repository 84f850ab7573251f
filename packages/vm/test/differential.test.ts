// Differential corpus runner: every .lua case under test/lua runs on the real
// lua5.1 (`lua5.1 <case>` with cwd = test/lua, so chunk names match) and on
// Valua in-process through the command line logic (valuaMain with captured
// I/O; three times: as configured by default, on the interpreter alone, and
// with every function translated at once),
// and stdout, stderr and the exit status must be identical, with the
// program name normalised ("lua5.1:" and "valua:" at the start of a line).
// Cases in test/lua/skip.txt must still differ: a case that starts passing
// has to leave the list in the change that fixes it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listCases, readSkipList } from './support/corpus.js';
import { valuaMain } from '../src/cli.js';
import { capturedHost, type CapturedHostOptions } from './property/captured-host.js';

const corpusDir = join(dirname(fileURLToPath(import.meta.url)), 'lua');
/** A case that runs longer than this on Valua is stopped (an engine bug, not a hang of jest). */
const VALUA_TIME_LIMIT_MS = 10_000;

interface Outcome {
  stdout: string;
  stderr: string;
  status: number;
}



/** lua5.1 prints its argv[0] in messages; Valua prints "valua". */
function normalise(o: Outcome): Outcome {
  return { ...o, stderr: o.stderr.replace(/^lua5\.1:/gm, 'valua:').replace(/^usage: lua5\.1 /gm, 'usage: valua ') };
}

function runLua51(rel: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn('lua5.1', [rel], { cwd: corpusDir, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString('latin1'), stderr: Buffer.concat(err).toString('latin1'), status: code ?? -1 });
    });
  });
}

/** Runs lua5.1 on every case, two at a time (the machine has two cores). */
async function runAllLua51(cases: readonly string[]): Promise<Map<string, Outcome>> {
  const results = new Map<string, Outcome>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const rel = cases[next++] as string;
      results.set(rel, normalise(await runLua51(rel)));
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

function runValua(rel: string, opts: CapturedHostOptions = {}): Outcome {
  const host = capturedHost(corpusDir, VALUA_TIME_LIMIT_MS, opts);
  const status = valuaMain(['valua', rel], host);
  if (typeof status !== 'number') throw new Error('valuaMain went interactive on a script');
  return { stdout: host.out.join(''), stderr: host.err.join(''), status };
}

const cases = listCases(corpusDir);
const skips = readSkipList(corpusDir);
let reference: Map<string, Outcome>;

beforeAll(async () => {
  reference = await runAllLua51(cases);
}, 120_000);

test('skip list names existing cases', () => {
  for (const rel of skips.keys()) expect(cases).toContain(rel);
});

const running = cases.filter((c) => !skips.has(c));
const skipped = cases.filter((c) => skips.has(c));

test.each(running)('%s matches lua5.1', (rel) => {
  const expected = reference.get(rel);
  expect(runValua(rel)).toEqual(expected);
});

// Functions run translated (jit.ts) by default; the interpreter alone must
// give the same answers (it runs whatever has a hook, and everything when
// GlobalState.jit is off).
test.each(running)('%s matches lua5.1 on the interpreter alone', (rel) => {
  const expected = reference.get(rel);
  expect(runValua(rel, { jit: false })).toEqual(expected);
});

// And with every function translated before its first instruction, so
// that translated code runs all of the corpus, hand-overs included.
test.each(running)('%s matches lua5.1 with everything translated', (rel) => {
  const expected = reference.get(rel);
  expect(runValua(rel, { jitThreshold: 1 })).toEqual(expected);
});

if (skipped.length > 0) {
  test.each(skipped)('%s (skip-listed) still differs from lua5.1', (rel) => {
    let actual: Outcome | string;
    try {
      actual = runValua(rel);
    } catch (e) {
      actual = `threw ${String(e)}`;
    }
    expect(actual).not.toEqual(reference.get(rel));
  });
}
