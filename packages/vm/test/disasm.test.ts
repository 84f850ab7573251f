// The disassembler's own rules, beyond the golden listings: %.14g numbers
// and string escapes as luac5.1 prints them, header plurals, and listings
// of Protos built by hand (no compiler involved).
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listing, constantText } from '../src/disasm.js';
import { Proto, VARARG_ISVARARG } from '../src/proto.js';
import { Op, encodeABC, encodeABx, encodeAsBx } from '../src/opcodes.js';
import { compileSource } from '../src/compiler/index.js';
import { normaliseListing } from './compiler/gen-lua.js';

const hasLua = spawnSync('lua5.1', ['-v']).status === 0;
const hasLuac = spawnSync('luac5.1', ['-v']).status === 0;

function luaFormat(xs: number[]): string[] {
  const spell = (x: number) => Object.is(x, -0) ? '-1/math.huge' /* a literal -0 would share the constant 0 */ : x === Infinity ? '1/0' : x === -Infinity ? '-1/0' : x.toPrecision(17);
  const prog = xs.map((x) => `print(string.format('%.14g', ${spell(x)}))`).join('\n');
  const r = spawnSync('lua5.1', ['-'], { input: prog, encoding: 'latin1' });
  return r.stdout.split('\n').slice(0, xs.length);
}

(hasLua ? describe : describe.skip)('number constants print as %.14g', () => {
  test('random doubles match lua5.1', () => {
    fc.assert(fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 200, maxLength: 200 }), (xs) => {
      // toPrecision(17) round-trips, so lua5.1 sees the same double
      expect(xs.map(constantText)).toEqual(luaFormat(xs));
    }), { numRuns: 5 });
  });

  test('ties round half to even, as glibc does', () => {
    const xs = [123456789012345, 10000000000000.5, 0.5, 2.5, 1e15, 1e14, 1e-5, 1e-4, 123456.5, 5e-324, 1.7976931348623157e308];
    expect(xs.map(constantText)).toEqual(luaFormat(xs));
  });
});

test('special values', () => {
  // x86-64's 0/0 is a NaN with the sign bit set, which glibc prints as -nan
  const dv = new DataView(new ArrayBuffer(8));
  dv.setUint32(0, 0xfff80000);
  const negNaN = dv.getFloat64(0);
  expect([Infinity, -Infinity, negNaN, 0, -0].map(constantText)).toEqual(['inf', '-inf', '-nan', '0', '-0']);
});

test('constants of every type', () => {
  expect([undefined, true, false, 1.5, 'a"b\\c\n'].map(constantText)).toEqual(['nil', 'true', 'false', '1.5', '"a\\"b\\\\c\\n"']);
});

(hasLuac ? test : test.skip)('every byte in a string constant is escaped as luac5.1 does', () => {
  let bytes = '';
  for (let c = 0; c < 256; c++) bytes += String.fromCharCode(c);
  // the source spells each byte as a decimal escape, so the chunk is plain ASCII
  const src = `local s = "${Array.from(bytes, (ch) => `\\${ch.charCodeAt(0)}`).join('')}"\n`;
  const dir = mkdtempSync(join(tmpdir(), 'valua-disasm-'));
  try {
    writeFileSync(join(dir, 'bytes.lua'), src);
    const r = spawnSync('luac5.1', ['-l', '-l', '-p', 'bytes.lua'], { cwd: dir, encoding: 'latin1' });
    expect(normaliseListing(listing(compileSource(src, '@bytes.lua'), { full: true }))).toBe(normaliseListing(r.stdout));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('hand-built protos', () => {
  function proto(code: number[], setup: (p: Proto) => void = () => {}): Proto {
    const p = new Proto('=hand');
    p.code = Int32Array.from(code);
    p.lineinfo = Int32Array.from(code.map((_, i) => i + 1));
    setup(p);
    return p;
  }

  test('header: singular forms, vararg plus sign, =name source', () => {
    const p = proto([encodeABC(Op.RETURN, 0, 1, 0)], (f) => {
      f.maxStackSize = 1;
      f.numParams = 1;
      f.isVararg = VARARG_ISVARARG;
      f.k = ['k'];
      f.locvars = [{ name: 'x', startpc: 0, endpc: 1 }];
      f.upvalueNames = ['u'];
      f.numUpvalues = 1;
    });
    expect(listing(p).split('\n').slice(1, 3)).toEqual([
      expect.stringMatching(/^main <hand:0,0> \(1 instruction, 4 bytes at 0x[0-9a-f]+\)$/),
      '1+ param, 1 slot, 1 upvalue, 1 local, 1 constant, 0 functions',
    ]);
  });

  test('source names: @file, =name, and source text as (string)', () => {
    const p = proto([encodeABC(Op.RETURN, 0, 1, 0)]);
    p.source = 'return 1';
    expect(listing(p)).toMatch(/^\nmain <\(string\):0,0>/);
    p.source = '@dir/f.lua';
    expect(listing(p)).toMatch(/^\nmain <dir\/f\.lua:0,0>/);
  });

  test('operands and comments of each format', () => {
    const p = proto([
      encodeABx(Op.LOADK, 0, 0),
      encodeABC(Op.GETUPVAL, 1, 0, 0),
      encodeABC(Op.ADD, 2, 256 + 1, 0),
      encodeABC(Op.MOD, 2, 256 + 1, 0),
      encodeAsBx(Op.JMP, 0, -3),
      encodeAsBx(Op.FORPREP, 3, 2),
      encodeABC(Op.SETLIST, 0, 0, 0),
      600,
      encodeABC(Op.SETLIST, 0, 3, 2),
      encodeABC(Op.RETURN, 0, 1, 0),
    ], (f) => {
      f.k = [0.1, 'x'];
      f.upvalueNames = ['up'];
    });
    const lines = listing(p).split('\n').slice(3, 12);
    expect(lines).toEqual([
      '\t1\t[1]\tLOADK    \t0 -1\t; 0.1',
      '\t2\t[2]\tGETUPVAL \t1 0\t; up',
      '\t3\t[3]\tADD      \t2 -2 0\t; "x" -',
      '\t4\t[4]\tMOD      \t2 -2 0',
      '\t5\t[5]\tJMP      \t-3\t; to 3',
      '\t6\t[6]\tFORPREP  \t3 2\t; to 9',
      '\t7\t[7]\tSETLIST  \t0 0 0\t; 600',
      '\t9\t[9]\tSETLIST  \t0 3 2\t; 2',
      '\t10\t[10]\tRETURN   \t0 1',
    ]);
  });

  test('nested functions follow their parent, CLOSURE names their address', () => {
    const child = proto([encodeABC(Op.RETURN, 0, 1, 0)]);
    child.lineDefined = 2;
    child.lastLineDefined = 3;
    const main = proto([encodeABx(Op.CLOSURE, 0, 0), encodeABC(Op.RETURN, 0, 1, 0)], (f) => { f.p = [child]; });
    const text = listing(main, { full: true });
    const addr = /CLOSURE  \t0 0\t; (0x[0-9a-f]+)/.exec(text)![1]!;
    expect(text).toContain(`\nfunction <hand:2,3> (1 instruction, 4 bytes at ${addr})\n`);
    expect(text.indexOf('function <hand')).toBeGreaterThan(text.indexOf('upvalues (0) for'));
  });
});
