// Test helper: run one generated Lua file through the real lua5.1 and split
// its output into records. Each record is written by the driver as
// `<length>:<bytes>` so results may hold any byte (newlines, NULs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Lua source of a function `emit(s)` that writes one record. */
export const EMIT = 'local function emit(s) s = tostring(s) io.write(#s, ":", s) end\n';

/** Runs `source` with lua5.1 and returns its stdout as a byte string. */
export function runLua(source: string, stdin = '', env?: Record<string, string>): { stdout: string; stderr: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'valua-stdlib-'));
  const file = join(dir, 'driver.lua');
  writeFileSync(file, Buffer.from(source, 'latin1'));
  const r = spawnSync('lua5.1', [file], { input: Buffer.from(stdin, 'latin1'), maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  return { stdout: r.stdout.toString('latin1'), stderr: r.stderr.toString('latin1'), status: r.status };
}

/** Splits `<length>:<bytes>` records. */
export function parseRecords(out: string): string[] {
  const recs: string[] = [];
  let i = 0;
  while (i < out.length) {
    const colon = out.indexOf(':', i);
    const n = Number(out.slice(i, colon));
    recs.push(out.slice(colon + 1, colon + 1 + n));
    i = colon + 1 + n;
  }
  return recs;
}

/** A Lua expression evaluating to exactly the double `x`. */
export function luaNumber(x: number): string {
  if (Number.isNaN(x)) return '(0/0)';
  if (x === Infinity) return '(1/0)';
  if (x === -Infinity) return '(-1/0)';
  if (Object.is(x, -0)) return 'tonumber("-0")';
  return `tonumber("${String(x)}")`;
}

/** A Lua string literal holding the bytes of `s`. */
export function luaString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) out += '\\' + s.charCodeAt(i);
  return out + '"';
}

/**
 * The seed of the generated cases: fixed, so a run is repeatable and CI
 * checks what was checked here; FC_SEED=<n> explores (or replays) another
 * (test names print it).
 */
export const SEED = Number(process.env['FC_SEED'] ?? 20261126);

