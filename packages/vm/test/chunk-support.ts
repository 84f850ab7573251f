// Helpers for the binary chunk tests (dump.test.ts, undump.test.ts): the
// repository's Lua corpora, luaL_loadfile's text handling, and lua5.1 runs
// that return length-prefixed byte records.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSource } from '../src/compiler/index.js';
import { listCases } from './support/corpus.js';

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Every .lua file of the repository's corpora, relative to the repository root. */
export function corpusFiles(): string[] {
  const out: string[] = [];
  for (const d of ['packages/vm/test/golden', 'packages/vm/test/lua', 'packages/stdlib/test/lua']) {
    try {
      out.push(...listCases(root, join(root, d)));
    } catch {
      // a corpus folder another package removed: the rest still count
    }
  }
  return out;
}

/** luaL_loadfile's text handling: a first line starting with '#' is blanked, its newline kept. */
export function compileFile(text: string, chunkName: string) {
  if (text.startsWith('#')) {
    const nl = text.indexOf('\n');
    text = nl < 0 ? '' : text.slice(nl);
  }
  return compileSource(text, chunkName);
}

/** Runs a Lua script in lua5.1 (with `args`, and `input` on stdin) that
 *  writes length-prefixed records ("<n>\n<n bytes>"); returns them (null for n = -1). */
export function lua51Records(script: string, args: string[], cwd: string, input = ''): (string | null)[] {
  const dir = mkdtempSync(join(tmpdir(), 'valua-lua-'));
  const file = join(dir, 'records.lua');
  writeFileSync(file, script);
  // 1 GB of address space: a mangled chunk's huge counts fail to allocate
  // at once ("not enough memory") instead of making lua5.1 fill gigabytes
  const r = spawnSync('sh', ['-c', 'ulimit -v 1048576; exec lua5.1 "$@"', 'sh', file, ...args], {
    cwd, input: Buffer.from(input, 'latin1'), encoding: 'latin1', maxBuffer: 1 << 28,
  });
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`lua5.1 failed: ${r.stderr}`);
  const out: (string | null)[] = [];
  let pos = 0;
  const s = r.stdout;
  while (pos < s.length) {
    const nl = s.indexOf('\n', pos);
    const n = Number(s.slice(pos, nl));
    pos = nl + 1;
    if (n < 0) out.push(null);
    else {
      out.push(s.slice(pos, pos + n));
      pos += n;
    }
  }
  return out;
}

/** Frames byte strings as lua51Records reads them back. */
export function records(items: readonly string[]): string {
  return items.map((s) => `${s.length}\n${s}`).join('');
}

/** Lua code that reads records from stdin into the table `chunks`. */
export const READ_RECORDS = `
local src = io.read("*a")
local chunks, pos = {}, 1
while pos <= #src do
  local nl = src:find("\\n", pos, true)
  local n = tonumber(src:sub(pos, nl - 1))
  chunks[#chunks + 1] = src:sub(nl + 1, nl + n)
  pos = nl + n + 1
end
`;
