// numberToString (%.14g) and stringToNumber (luaO_str2d) against lua5.1,
// in batches: one lua5.1 run prints hundreds of generated values.

import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { numberToString, stringToNumber, stringToNumberBase } from '../src/number.js';
import { expectSame } from './support/both.js';

function runLua(source: string): string[] {
  const r = spawnSync('lua5.1', ['-'], { input: Buffer.from(source, 'latin1'), timeout: 30000 });
  const out = r.stdout.toString('latin1');
  return out.split('\n').slice(0, -1);
}

/** An exact hex-float spelling of a finite double, which glibc strtod reads back exactly. */
function hexFloat(x: number): string {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  const hi = dv.getUint32(0);
  const lo = dv.getUint32(4);
  const sign = hi >>> 31 ? '-' : '';
  const exp = (hi >>> 20) & 0x7ff;
  const mant = ((hi & 0xfffff).toString(16).padStart(5, '0')) + lo.toString(16).padStart(8, '0');
  if (exp === 0) return `${sign}0x0.${mant}p-1022`;
  return `${sign}0x1.${mant}p${exp - 1023}`;
}

function luaString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) out += '\\' + s.charCodeAt(i);
  return out + '"';
}

const interesting = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -2e9, max: 2e9 }),
  fc.double({ min: -1e16, max: 1e16, noNaN: true }),
  fc.integer({ min: -1100, max: 1000 }).map((e) => Math.pow(2, e)),
  fc.tuple(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: -20, max: 20 })).map(([m, e]) => m * Math.pow(10, e)),
  fc.integer({ min: 1, max: 2 ** 20 }).map((m) => m / 1024),
);

describe('numberToString', () => {
  it('prints the special values as lua5.1', () => {
    const lines = runLua('print(1/0, -1/0, 1e15, 1e14, 123456789012345, 2^53, 2^63, 1e-5, 0.1, 1/3, 2^-21, 1e308*10)');
    const got = [1 / 0, -1 / 0, 1e15, 1e14, 123456789012345, 2 ** 53, 2 ** 63, 1e-5, 0.1, 1 / 3, 2 ** -21, Infinity]
      .map(numberToString).join('\t');
    expect(got).toBe(lines[0]);
    expect(numberToString(-0)).toBe('-0');
  });

  it('prints NaN with its sign bit, as glibc (0/0 is -nan on x86-64)', () => {
    // NaNs made at run time by the VM carry the hardware's sign bit, as in C;
    // a JS NaN literal is the canonical positive NaN.
    expectSame('local z = 0; print(0/0, -(0/0), z/z, -(z/z), 1/0 - 1/0, tonumber("nan"), tonumber("-nan"))\n' +
      'local t = {z/z}; print(t[1], -t[1], -t[1] + 1)');
  });

  it('agrees with lua5.1 on generated doubles', () => {
    fc.assert(
      fc.property(fc.array(interesting, { minLength: 300, maxLength: 300 }), (xs) => {
        const src = xs.map((x) => `print(tonumber("${hexFloat(x)}"))`).join('\n');
        const lines = runLua(src);
        expect(xs.map(numberToString)).toEqual(lines);
      }),
      { numRuns: 6 },
    );
  });
});

describe('stringToNumber', () => {
  const alphabet = fc.constantFrom(...' \t\n\v0123456789.eExXpP+-abcdfinAINFty\0'.split(''));
  const numeric = fc.array(alphabet, { minLength: 0, maxLength: 9 }).map((a) => a.join(''));

  it('agrees with lua5.1 tonumber on generated strings', () => {
    fc.assert(
      fc.property(fc.array(numeric, { minLength: 300, maxLength: 300 }), (ss) => {
        const src = ss.map((s) => `print(tonumber(${luaString(s)}))`).join('\n');
        const lines = runLua(src);
        const got = ss.map((s) => {
          const v = stringToNumber(s);
          return v === undefined ? 'nil' : numberToString(v);
        });
        expect(got).toEqual(lines);
      }),
      { numRuns: 6 },
    );
  });

  it('agrees with lua5.1 tonumber(s, base)', () => {
    const digits = fc.array(fc.constantFrom(...' -+0123456789abcdefxyzXZ'.split('')), { minLength: 0, maxLength: 8 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(digits, fc.integer({ min: 2, max: 36 })), { minLength: 200, maxLength: 200 }), (cases) => {
        const src = cases.map(([s, b]) => `print(tonumber(${luaString(s)}, ${b}))`).join('\n');
        const lines = runLua(src);
        const got = cases.map(([s, b]) => {
          // tonumber(s, 10) is the ordinary conversion (luaO_str2d), not strtoul.
          const v = b === 10 ? stringToNumber(s) : stringToNumberBase(s, b);
          return v === undefined ? 'nil' : numberToString(v);
        });
        expect(got).toEqual(lines);
      }),
      { numRuns: 4 },
    );
  });
});
