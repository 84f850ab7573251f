// Test helper for the package library and dofile/loadfile: a scenario
// (command-line arguments, files and folders, stdin, environment) runs on
// the real lua5.1 (cwd = a fresh temp folder holding the files, only PATH
// plus the scenario's variables in its environment) and on valuaMain
// in-process over the same folder, with lua5.1's library set opened over
// the test Node host. Both run under the program name "lua5.1", so stdout,
// stderr and exit status compare without normalising.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  CliFileError, coroutineLib, debugLib, openBase, pipedLineReader, valuaMain, type CliHost, type LuaState,
} from '@valua/vm';
import { makeBaseFiles } from '../src/base-files.js';
import { openLibs } from '../src/open.js';
import { openPackage, registerLoaded } from '../src/package-lib.js';
import type { StdlibHost } from '../src/host.js';
import { nodeHost } from './node-host.js';

export interface Scenario {
  args: string[];
  /** Files by path relative to the folder (parent folders are created). */
  files?: Record<string, string>;
  /** Empty folders to create. */
  dirs?: string[];
  stdin?: string;
  env?: Record<string, string>;
}

export interface Outcome {
  stdout: string;
  stderr: string;
  status: number;
}

const TIME_LIMIT_MS = 10_000;

export function setUp(sc: Scenario): string {
  const dir = mkdtempSync(join(tmpdir(), 'valua-pkg-'));
  for (const d of sc.dirs ?? []) mkdirSync(join(dir, d), { recursive: true });
  for (const [name, text] of Object.entries(sc.files ?? {})) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), Buffer.from(text, 'latin1'));
  }
  return dir;
}

export function runLua51(dir: string, sc: Scenario): Outcome {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...sc.env };
  const r = spawnSync('lua5.1', sc.args, { cwd: dir, input: Buffer.from(sc.stdin ?? '', 'latin1'), env, timeout: 20_000 });
  return { stdout: r.stdout.toString('latin1'), stderr: r.stderr.toString('latin1'), status: r.status ?? -1 };
}

/** lua5.1's luaL_openlibs set over `host`: base (with dofile/loadfile), coroutine, package, the stdlib, debug. */
export function openAll(L: LuaState, host: StdlibHost): void {
  openBase(L, makeBaseFiles(host));
  L.register('coroutine', coroutineLib);
  openPackage(L, host);
  openLibs(L, { host });
  L.register('debug', debugLib);
  registerLoaded(L, ['table', 'io', 'os', 'string', 'math', 'debug']);
}

export async function runValua(dir: string, sc: Scenario): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  let stdinLeft: string | undefined = sc.stdin ?? '';
  const write = (s: string): void => void out.push(s);
  const getenv = (name: string): string | undefined => sc.env?.[name];
  const host: CliHost = {
    readFile(path) {
      try {
        return readFileSync(join(dir, path), 'latin1');
      } catch (e) {
        const code = (e as { code?: string }).code;
        throw new CliFileError(code === 'EISDIR' ? 'read' : 'open', code === 'ENOENT' ? 'No such file or directory' : String(code));
      }
    },
    readStdin: () => {
      const s = stdinLeft ?? '';
      stdinLeft = undefined;
      return s;
    },
    readLine: pipedLineReader(() => Promise.resolve(undefined), write),
    stdout: write,
    stderr: (s) => void err.push(s),
    stdinIsTty: false,
    getenv,
    openLibs(L) {
      openAll(L, { ...nodeHost(dir, sc.stdin ?? '', out, err), getenv });
      const deadline = Date.now() + TIME_LIMIT_MS;
      L.g.setBudgetHook(100_000, (L1) => {
        if (Date.now() > deadline) throw L1.error(`test host: stopped after ${TIME_LIMIT_MS} ms`);
      });
    },
  };
  const status = await valuaMain(['lua5.1', ...sc.args], host);
  return { stdout: out.join(''), stderr: err.join(''), status };
}

/** Runs the scenario on both and expects the same stdout, stderr and status; returns lua5.1's. */
export async function expectSame(sc: Scenario): Promise<Outcome> {
  const dir = setUp(sc);
  const expected = runLua51(dir, sc);
  const dir2 = setUp(sc); // a fresh copy: a scenario may write files
  expect(await runValua(dir2, sc)).toEqual(expected);
  return expected;
}

/** A one-script scenario: main.lua holds `script`. */
export function script(text: string, more: Omit<Scenario, 'args'> = {}): Scenario {
  return { ...more, args: ['main.lua'], files: { ...more.files, 'main.lua': text } };
}
