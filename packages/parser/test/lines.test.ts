// The parser's function lines are luac's linedefined/lastlinedefined: every
// FunctionExpr's `line` and `lastLine`, in prototype order, equal the
// `function <file:N,M>` headers of `luac5.1 -l` (golden files and generated
// programs spread over many lines).
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, printChunk } from '@valua/parser';
import type * as A from '@valua/parser';
import { chunkArb } from './support/ast-arbitrary.js';

/** FunctionExpr nodes in luac's listing order: depth first, children in source order. */
function functions(node: unknown, out: A.FunctionExpr[] = []): A.FunctionExpr[] {
  if (Array.isArray(node)) {
    for (const x of node) functions(x, out);
  } else if (node !== null && typeof node === 'object') {
    const n = node as A.Node;
    if (n.kind === 'Function') out.push(n);
    if (n.kind === 'NumericFor') {
      functions([n.start, n.limit, n.step, n.body], out);
    } else {
      for (const v of Object.values(n)) functions(v, out);
    }
  }
  return out;
}

/** luac5.1 -l over many files at once: file name -> [linedefined, lastlinedefined][]. */
function luacHeaders(files: string[]): Map<string, [number, number][]> {
  const r = spawnSync('luac5.1', ['-p', '-l', ...files], { encoding: 'latin1', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(r.stderr);
  const res = new Map<string, [number, number][]>(files.map((f) => [f, []]));
  for (const m of r.stdout.matchAll(/^function <(.*):(\d+),(\d+)>/gm)) {
    res.get(m[1] as string)?.push([Number(m[2]), Number(m[3])]);
  }
  return res;
}

/** Spreads printed source over more lines: some spaces between tokens (not in strings) become line breaks. */
function spread(src: string, seed: number): string {
  let x = seed;
  return src.split(/("(?:[^"\\]|\\.)*")/).map((part, i) => (i % 2 === 1 ? part
    : part.replace(/ /g, () => { x = (x * 1103515245 + 12345) % 2147483648; return x % 3 === 0 ? '\n' : ' '; }))).join('');
}

describe('function lines (against luac5.1 -l)', () => {
  it('match linedefined and lastlinedefined', () => {
    const dir = mkdtempSync(join(tmpdir(), 'valua-lines-'));
    try {
      const goldenDir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
      const sources = readdirSync(goldenDir).filter((f) => f.endsWith('.lua')).map((f) => readFileSync(join(goldenDir, f), 'latin1'));
      fc.sample(chunkArb, { numRuns: 200, seed: Date.now() % 65521 }).forEach((ast, i) => sources.push(spread(printChunk(ast), i + 1)));
      const files = sources.map((src, i) => {
        const f = join(dir, `p${i}.lua`);
        writeFileSync(f, Buffer.from(src, 'latin1'));
        return f;
      });
      const headers = luacHeaders(files);
      const mismatches = files.map((f, i) => {
        const ours = functions(parse(sources[i] as string, '@' + f)).map((fn) => [fn.line, fn.lastLine]);
        return { file: basename(f), ours: JSON.stringify(ours), luac: JSON.stringify(headers.get(f)), src: sources[i] };
      }).filter((m) => m.ours !== m.luac);
      expect(mismatches.slice(0, 2)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
