// A second, independent source of programs: the parser's own AST
// arbitraries (packages/parser/test/support), printed back to source by the
// parser's printer. Their listings must equal luac5.1's too.
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printChunk, type Chunk } from '@valua/parser';
import { chunkArb } from '../../../parser/test/support/ast-arbitrary.js';
import { compileSource } from '../../src/compiler/index.js';
import { listing } from '../../src/disasm.js';
import { normaliseListing } from './gen-lua.js';

const hasLuac = spawnSync('luac5.1', ['-v']).status === 0;

(hasLuac ? test : test.skip)('printed arbitrary ASTs list like luac5.1', () => {
  fc.assert(fc.property(fc.array(chunkArb, { minLength: 30, maxLength: 30 }), (chunks: Chunk[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'valua-ast-'));
    try {
      const sources = chunks.map((c) => printChunk(c));
      const names = sources.map((_, i) => `a${i}.lua`);
      sources.forEach((src, i) => writeFileSync(join(dir, names[i]!), Buffer.from(src, 'latin1')));
      const r = spawnSync('luac5.1', ['-l', '-l', '-p', ...names], { cwd: dir, encoding: 'latin1', maxBuffer: 1 << 28 });
      expect(r.stderr).toBe('');
      const parts = r.stdout.split(/(?=\nmain <)/).slice(1);
      sources.forEach((src, i) => {
        const got = normaliseListing(listing(compileSource(src, '@' + names[i]), { full: true }));
        if (got !== normaliseListing(parts[i]!)) {
          throw new Error(`listing differs for:\n${src}\n--- luac5.1\n${parts[i]}\n--- valua\n${got}`);
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }), { numRuns: Number(process.env.VALUA_FC_RUNS ?? 8) });
});
