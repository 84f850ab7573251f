// Runs Lua source on the real lua5.1 and on Valua (runChunk, the same
// lua.c-like entry), returning stdout, stderr ("lua5.1: <msg>\n" form for
// Valua too) and the exit status, so tests compare whole outputs.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChunk, type RunOptions } from '../../src/run.js';

export interface Outcome {
  stdout: string;
  stderr: string;
  status: number;
}

const dir = mkdtempSync(join(tmpdir(), 'valua-vm-'));

/** lua5.1 <name> with `source` written to name (cwd = a temp dir). */
export function lua51(source: string, name = 'test.lua'): Outcome {
  writeFileSync(join(dir, name), Buffer.from(source, 'latin1'));
  const r = spawnSync('lua5.1', [name], { cwd: dir, timeout: 30000 });
  return { stdout: r.stdout.toString('latin1'), stderr: r.stderr.toString('latin1'), status: r.status ?? -1 };
}

/** The same on Valua: runChunk(source, "@name"). */
export function valua(source: string, name = 'test.lua', opts: RunOptions = {}): Outcome {
  let out = '';
  const r = runChunk(source, '@' + name, { ...opts, stdout: (s) => { out += s; } });
  const stderr = r.error !== undefined ? `lua5.1: ${r.error}\n` : '';
  return { stdout: out, stderr, status: r.status === 0 ? 0 : 1 };
}

/** Asserts Valua's outcome equals lua5.1's for `source`. */
export function expectSame(source: string, name = 'test.lua'): Outcome {
  const want = lua51(source, name);
  const got = valua(source, name);
  expect(got).toEqual(want);
  return want;
}
