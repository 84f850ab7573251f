// Test helper shared by the differential, property and CLI tests: a CliHost
// whose files live under one folder, whose output is captured, and whose
// engine is stopped (as a Lua error) when a run exceeds a time limit, so an
// engine bug fails one test instead of hanging jest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliFileError, openStandardLibs, pipedLineReader, type CliHost } from '../../src/cli.js';

export interface CapturedHost extends CliHost {
  out: string[];
  err: string[];
}

export interface CapturedHostOptions {
  /** Standard input (for `-`, a non-tty stdin and the REPL); default empty. */
  stdin?: string;
  stdinIsTty?: boolean;
  env?: Record<string, string>;
  /** Files by name, served before the folder is consulted. */
  files?: Record<string, string>;
  /** GlobalState.jit for the run (default: the state's default, on). */
  jit?: boolean;
  /** GlobalState.jitThreshold for the run (1: everything translated at once). */
  jitThreshold?: number;
}

/** strerror texts for the errno codes readFile can meet. */
const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
};

export function capturedHost(baseDir: string, timeLimitMs: number, opts: CapturedHostOptions = {}): CapturedHost {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = opts.stdin ?? '';
  let stdinChunk: string | undefined = stdin;
  const write = (s: string): void => void out.push(s);
  return {
    out,
    err,
    readFile(path: string): string {
      const mem = opts.files?.[path];
      if (mem !== undefined) return mem;
      try {
        return readFileSync(join(baseDir, path), 'latin1');
      } catch (e) {
        const code = String((e as NodeJS.ErrnoException).code);
        throw new CliFileError(code === 'EISDIR' ? 'read' : 'open', STRERROR[code] ?? code);
      }
    },
    readStdin: () => {
      const s = stdinChunk ?? '';
      stdinChunk = undefined;
      return s;
    },
    readLine: pipedLineReader(() => {
      const s = stdinChunk;
      stdinChunk = undefined;
      return Promise.resolve(s);
    }, write),
    stdout: write,
    stderr: (s) => void err.push(s),
    stdinIsTty: opts.stdinIsTty ?? false,
    getenv: (name) => opts.env?.[name],
    openLibs(L) {
      openStandardLibs(L);
      if (opts.jit !== undefined) L.g.jit = opts.jit;
      if (opts.jitThreshold !== undefined) L.g.jitThreshold = opts.jitThreshold;
      const deadline = Date.now() + timeLimitMs;
      L.g.setBudgetHook(100_000, (L1) => {
        if (Date.now() > deadline) throw L1.error(`test host: stopped after ${timeLimitMs} ms`);
      });
    },
  };
}
