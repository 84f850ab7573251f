import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// the VM's strtod, imported from its file so this engine test runs without the VM's runtime
import { stringToNumber } from '../../vm/src/number.js';
import { LuaFile, scanNumber } from '../src/stdio.js';
import { formatDouble } from '../src/format.js';
import type { HostFile } from '../src/host.js';
import { EMIT, luaString, parseRecords, runLua, SEED } from './lua-batch.js';

// A host file over a string, handing out `chunk` bytes per read so buffer
// boundaries fall everywhere.
function stringFile(s: string, chunk: number): HostFile {
  let pos = 0;
  return {
    read(max) {
      const r = s.slice(pos, pos + Math.min(max, chunk));
      pos += r.length;
      return r;
    },
    write() { throw new Error('read-only'); },
    seek() { throw new Error('no seek'); },
    flush() {},
    close() {},
  };
}

describe(`io engine vs lua5.1 (seed ${SEED})`, () => {
  test("'*n' reads numbers as fscanf(\"%lf\") does", () => {
    const alphabet = ' \t\n+-.0123456789eExXabcdfpPinINfFtyaA'.split('');
    const inputs = fc.sample(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }).map((a) => a.join('')), { numRuns: 4000, seed: SEED + 1 });
    inputs.push('0xe\t 21nX', '0x1e+', '0xep1', '0x', '0x.', '0x1p', '0x1p+', '-0x1.8p1', 'infinity', 'INFx', 'nan(1)', '1e+', '.e1', '-.5', '+', '- 1',
      '1.5.5', '00012', '0e', '0x1g', 'inf', 'in', 'nax', '1e400', '-1e-400', '4.9e-324', '   \n 42abc');
    const dir = mkdtempSync(join(tmpdir(), 'valua-scan-'));
    let src = EMIT;
    inputs.forEach((s, i) => {
      writeFileSync(join(dir, `${i}.txt`), Buffer.from(s, 'latin1'));
      src += `do local f = io.open(${luaString(join(dir, `${i}.txt`))}) local r = f:read("*n") `
        + `emit((r and string.format("%.17g", r) or "nil") .. "|" .. f:read("*a")) f:close() end\n`;
    });
    const r = runLua(src);
    expect(r.stderr).toBe('');
    const rec = parseRecords(r.stdout);
    inputs.forEach((s, i) => {
      const f = new LuaFile(stringFile(s, 1 + (i % 5)), true, false, false);
      const x = scanNumber(f, stringToNumber);
      const shown = x === undefined ? 'nil' : formatDouble(103, { flags: 0, width: 0, precision: 17 }, x);
      expect([s, shown + '|' + f.readChars(Infinity)]).toEqual([s, rec[i]]);
    });
  });
});
