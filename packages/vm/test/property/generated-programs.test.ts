// Property: generated programs (numbers, strings, booleans, nil, tables and
// closures under arithmetic, comparison, concatenation, and/or/not, length,
// indexing, calls, if and loops) print the same on Valua and lua5.1, errors
// included. Each fast-check run packs a batch of programs into one driver
// file (loadstring + pcall per program), run once by lua5.1 and once by
// Valua's command line in-process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { valuaMain } from '../../src/cli.js';
import { capturedHost } from './captured-host.js';
import { driver, genProgram } from './programs.js';

const BATCH = 60;
/** VALUA_PROPERTY_RUNS raises the number of batches for a deeper local run. */
const RUNS = Number(process.env.VALUA_PROPERTY_RUNS ?? 20);

interface Outcome {
  stdout: string;
  stderr: string;
  status: number;
}

function runLua51(source: string): Outcome {
  const dir = mkdtempSync(join(tmpdir(), 'valua-prop-'));
  writeFileSync(join(dir, 'driver.lua'), Buffer.from(source, 'latin1'));
  const r = spawnSync('lua5.1', ['driver.lua'], { cwd: dir, maxBuffer: 1 << 28, timeout: 60_000 });
  return {
    stdout: r.stdout.toString('latin1'),
    stderr: r.stderr.toString('latin1').replace(/^lua5\.1:/gm, 'valua:'),
    status: r.status ?? -1,
  };
}

/**
 * Known deviations, each pinned exactly by a skip-listed corpus case, are
 * folded away here so the property keeps hunting new ones. Remove an entry
 * when its case leaves test/lua/skip.txt. VALUA_PROPERTY_STRICT=1 disables this.
 * - arith/nan-sign.lua: the sign bit of a NaN ("-nan" vs "nan"): pow with
 *   exponent +-1, and which operand's NaN survives when both are NaNs.
 */
function foldKnownDeviations(s: string): string {
  if (process.env.VALUA_PROPERTY_STRICT === '1') return s;
  return s.replace(/-nan/g, 'nan');
}

function runValua(source: string): Outcome {
  const host = capturedHost(tmpdir(), 20_000, { files: { 'driver.lua': source } });
  const status = valuaMain(['valua', 'driver.lua'], host);
  if (typeof status !== 'number') throw new Error('valuaMain went interactive');
  return { stdout: host.out.join(''), stderr: host.err.join(''), status };
}

/** The first program whose printed line differs, with both lines, for a readable failure. */
function firstDifference(programs: readonly string[], expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) {
      const m = /^== (\d+)/.exec(e[i] ?? a[i] ?? '');
      const prog = m ? programs[Number(m[1]) - 1] : undefined;
      return `lua5.1: ${JSON.stringify(e[i])}\nvalua:  ${JSON.stringify(a[i])}\n${prog !== undefined ? `program:\n${prog}` : ''}`;
    }
  }
  return 'outputs differ';
}

test('generated programs print the same on Valua and lua5.1', () => {
  fc.assert(
    fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: BATCH }), (seeds) => {
      const programs = seeds.map(genProgram);
      const source = driver(programs);
      const expected = runLua51(source);
      // The driver must have reached every program (else the comparison proves little).
      expect(expected.stdout.split('\n').filter((l) => l.startsWith('== '))).toHaveLength(programs.length);
      const actual = runValua(source);
      expected.stdout = foldKnownDeviations(expected.stdout);
      actual.stdout = foldKnownDeviations(actual.stdout);
      if (actual.stdout !== expected.stdout) throw new Error(firstDifference(programs, expected.stdout, actual.stdout));
      expect(actual).toEqual(expected);
    }),
    { numRuns: RUNS },
  );
});

test('the generator covers both outcomes and every value type', () => {
  // Guards the generator itself: a batch must contain successes and run-time
  // errors, so the property above is not vacuous.
  const programs = Array.from({ length: 100 }, (_, i) => genProgram(i * 7919 + 1));
  const out = runLua51(driver(programs)).stdout;
  const lines = out.split('\n').filter((l) => l.startsWith('== '));
  expect(lines).toHaveLength(100);
  expect(lines.filter((l) => l.includes('\ttrue\t')).length).toBeGreaterThan(30);
  expect(lines.filter((l) => l.includes('\tfalse\t')).length).toBeGreaterThan(20);
  expect(lines.some((l) => l.includes('syntax error'))).toBe(false);
  expect(out).toMatch(/\ttable/);
  expect(out).toMatch(/\tfunction/);
});
