// The golden ASTs (recorded by scripts/record-golden.mjs) still come out.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@valua/parser';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const files = readdirSync(dir).filter((f) => f.endsWith('.lua')).sort();

describe('golden ASTs', () => {
  it('has a corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });
  it.each(files)('%s parses to its recorded AST', (f) => {
    const src = readFileSync(join(dir, f), 'latin1');
    const expected: unknown = JSON.parse(readFileSync(join(dir, f.replace(/\.lua$/, '.json')), 'latin1'));
    expect(JSON.parse(JSON.stringify(parse(src, '@' + f)))).toEqual(expected);
  });
});
