// cPow against lua5.1's pow (glibc's): the same bits, NaN signs included,
// for random doubles; and the VM's `^` at run time and folded by the
// compiler (luac folds `^` of numerals with the same pow) against lua5.1
// running the same chunk. One lua5.1 run per batch.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { cPow, powGeneral, NEG_NAN, POS_NAN } from '../src/cmath.js';
import { newState, runChunk } from '../src/run.js';
import { compileSource } from '../src/compiler/index.js';
import { listing } from '../src/disasm.js';
import { LuaHostFunction, type LuaValue } from '../src/value.js';
import type { LuaState } from '../src/state.js';

const RUNS = Number(process.env.VALUA_FC_RUNS ?? 3);
const BATCH = 1500;

/** A numeral Lua reads back as exactly x (finite x; negative ones in parentheses). */
function numeral(x: number): string {
  const s = Object.is(x, -0) ? '-0' : String(x);
  return x < 0 || Object.is(x, -0) ? `(${s})` : s;
}

/** Runs `src` in lua5.1 and returns its stdout lines. */
function lua51Lines(src: string): string[] {
  const r = spawnSync('lua5.1', ['-'], { input: src, encoding: 'latin1', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`lua5.1 failed: ${r.stderr}`);
  return r.stdout.split('\n').slice(0, -1);
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** A double as lua5.1's '%.17g' prints it (glibc: nan/-nan by the sign bit). */
function format17(x: number): string {
  if (x !== x) {
    f64[0] = x;
    return (u32[1]! >>> 31) !== 0 ? '-nan' : 'nan';
  }
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0';
  return x.toPrecision(17).replace(/\.?0+(e|$)/, '$1').replace(/e([+-])(\d)$/, 'e$10$2');
}

const i64 = new BigInt64Array(f64.buffer);

/** Distance in ulps between two finite doubles of the same sign. */
function ulps(x: number, y: number): bigint {
  f64[0] = x;
  const a = i64[0]!;
  f64[0] = y;
  const d = a - i64[0]!;
  return d < 0n ? -d : d;
}

/**
 * Checks results against lua5.1's '%.17g' texts. glibc's pow is within 0.52
 * ulp, not always correctly rounded, while ours is rounded once from about
 * 104 bits: for about 1 in 1,000 arguments (exact results within a hair of
 * a midpoint) glibc rounds the other way. Those differences must be one ulp
 * and rare (at most 1 in 200 here, against ~1 in 10 for Math.pow).
 */
function expectLua51Bits(got: number[], gotTexts: string[], expected: string[], label: (i: number) => string): void {
  expect(got.length).toBe(expected.length);
  let off = 0;
  got.forEach((x, i) => {
    const text = expected[i]!;
    if (sameBits(x, gotTexts[i]!, text)) return;
    const e = Number(text);
    if (x !== x || e !== e || !Number.isFinite(x) || !Number.isFinite(e) || ulps(x, e) !== 1n) {
      throw new Error(`${label(i)}: lua5.1 ${text}, valua ${format17(x)}`);
    }
    off++;
  });
  if (off * 200 > got.length) throw new Error(`${off} of ${got.length} results an ulp off lua5.1's`);
}

/**
 * Compares a number with a '%.17g' text through its value (formatting
 * aside); NaNs by `xText`, format17 of the value taken before it went into
 * an array (V8 canonicalises NaNs stored in double arrays).
 */
function sameBits(x: number, xText: string, text: string): boolean {
  if (text === 'nan' || text === '-nan' || text === 'inf' || text === '-inf' || text === '-0') return xText === text;
  return Object.is(x, Number(text));
}

// -0 is left out of the random operands: a -0 numeral shares the constant
// slot of an earlier 0 in lua5.1 (and in Valua), so it would arrive as 0;
// the special cases below make their -0 at run time.
const noNegZero = (x: number): number => (x === 0 ? 0 : x);
const base = fc.oneof(
  fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
  fc.double({ min: -1e3, max: -1e-3, noNaN: true }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -20, max: 20 }),
  fc.constantFrom(0, 1, -1, 2, 10, 0.5, 1e-310, 1.7976931348623157e308),
).map(noNegZero);
const exponent = fc.oneof(
  fc.double({ min: -60, max: 60, noNaN: true }),
  fc.integer({ min: -40, max: 40 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 0.5, -0.5, 2, 3, 1 / 3, 1e-300, 1e300),
).map(noNegZero);
const pairs = fc.array(fc.tuple(base, exponent), { minLength: BATCH, maxLength: BATCH });

// A fixed default seed (FC_SEED explores others). Seed 1255841524 once
// failed here: `0 ^ -15` from locals gave -inf, not cPow(0, -15) = inf,
// because the 0 numeral shared the constant slot of an earlier folded -0.
// lua5.1 does the same (see 'a 0 numeral after a folded -0' below); the
// comparison with cPow now allows it, the one with lua5.1 stays exact.
const SEED = Number(process.env['FC_SEED'] ?? 424242);

/** The VM's `^` on `ps`, from locals and folded, against cPow and lua5.1. */
function checkVmPow(ps: readonly (readonly [number, number])[]): void {
  // each pair twice: from locals (OP_POW at run time) and from numerals (folded by the compiler)
  const body: string[] = [];
  for (const [a, b] of ps) body.push(`do local a, b = ${numeral(a)}, ${numeral(b)} out(a ^ b) out(${numeral(a)} ^ ${numeral(b)}) end`);
  const luaSrc = `local f = string.format local function out(x) print(f('%.17g', x)) end\n${body.join('\n')}\n`;
  const expected = lua51Lines(luaSrc);
  const got: LuaValue[] = [];
  const gotTexts: string[] = [];
  const L = newState();
  L.globals.setStr('out', new LuaHostFunction('out', (L1: LuaState, b: number) => {
    const x = L1.stack[b];
    got.push(x);
    gotTexts.push(typeof x === 'number' ? format17(x) : String(x));
    return 0;
  }));
  const r = runChunk(body.join('\n') + '\n', '=pow', { state: L });
  expect(r.error).toBeUndefined();
  // both the run-time ^ and the folded constant are cPow's bits exactly...
  got.forEach((x, i) => {
    const [a, b] = ps[i >> 1]!;
    const c = cPow(a, b);
    // Constants are deduplicated by value (addk, as in luac), and 0 == -0:
    // a folded -0 shares the slot of an earlier 0 constant, and a 0
    // numeral the slot of an earlier folded -0 (say (-7e-323) ^ 5), so
    // the local `a` holds -0 and 0 ^ -15 is -inf, in lua5.1 too.
    const folded0 = i % 2 === 1 && x === 0 && c === 0;
    const sharedZero = i % 2 === 0 && a === 0 && gotTexts[i] === format17(cPow(-0, b));
    if (typeof x !== 'number' || (gotTexts[i] !== format17(c) && !folded0 && !sharedZero)) {
      throw new Error(`${numeral(a)} ^ ${numeral(b)} (${i % 2 ? 'folded' : 'run time'}): cPow ${format17(cPow(a, b))}, valua ${String(x)}`);
    }
  });
  // ...and lua5.1's (run time and luac's folding) up to glibc's rare misrounding
  expectLua51Bits(got as number[], gotTexts, expected, (i) => `${numeral(ps[i >> 1]![0])} ^ ${numeral(ps[i >> 1]![1])} (${i % 2 ? 'folded' : 'run time'})`);
}

describe('pow against lua5.1', () => {
  it('cPow gives the bits of glibc pow (lua5.1 a^b printed with %.17g)', () => {
    fc.assert(
      fc.property(pairs, (ps) => {
        const src = ['local f = string.format'];
        for (const [a, b] of ps) src.push(`do local a, b = ${numeral(a)}, ${numeral(b)} print(f('%.17g', a ^ b)) end`);
        src.push(`local n, z, inf = 0/0, 0, 1/0 z = -z print(f('%.17g', n ^ 2), f('%.17g', (-n) ^ 3), f('%.17g', n ^ 3), f('%.17g', 1 ^ n), f('%.17g', (-1) ^ inf), f('%.17g', z ^ 3), f('%.17g', z ^ -1), f('%.17g', z ^ 0.5), f('%.17g', (-inf) ^ 3), f('%.17g', (-inf) ^ 0.5), f('%.17g', (-2) ^ 0.5), f('%.17g', z ^ n))`);
        const lines = lua51Lines(src.join('\n') + '\n');
        const special = lines.pop()!.split('\t');
        // lua5.1's 0/0 is x86-64's default NaN (sign set), its negation has the sign clear
        const ours = [format17(cPow(NEG_NAN, 2)), format17(cPow(POS_NAN, 3)), format17(cPow(NEG_NAN, 3)), format17(cPow(1, NEG_NAN)),
          format17(cPow(-1, Infinity)), format17(cPow(-0, 3)), format17(cPow(-0, -1)), format17(cPow(-0, 0.5)),
          format17(cPow(-Infinity, 3)), format17(cPow(-Infinity, 0.5)), format17(cPow(-2, 0.5)), format17(cPow(-0, NEG_NAN))];
        expect(ours).toEqual(special);
        expectLua51Bits(ps.map(([a, b]) => cPow(a, b)), ps.map(([a, b]) => format17(cPow(a, b))), lines, (i) => `${numeral(ps[i]![0])} ^ ${numeral(ps[i]![1])}`);
      }),
      { numRuns: RUNS, endOnFailure: true, seed: SEED },
    );
  });

  it('the VM\'s ^ and its constant folding give lua5.1\'s bits', () => {
    fc.assert(fc.property(pairs.map((ps) => ps.slice(0, 400)), checkVmPow), { numRuns: RUNS, endOnFailure: true, seed: SEED });
  });

  it('the batch of seed 1255841524 (a 0 numeral after a folded -0) gives lua5.1\'s bits', () => {
    fc.assert(fc.property(pairs.map((ps) => ps.slice(0, 400)), checkVmPow), { numRuns: 2, endOnFailure: true, seed: 1255841524 });
  });

  it('a 0 numeral after a folded -0 shares its constant slot, as in luac5.1: 0 ^ -15 from locals is -inf', () => {
    const src = `local f = string.format local function out(x) print(f('%.17g', x)) end
do local a, b = (-7e-323), 5 out(a ^ b) out((-7e-323) ^ 5) end
do local a, b = 0, (-15) out(a ^ b) out(0 ^ (-15)) end
do local a, b = 0, 0.5 out(a ^ b) out(-a) end
`;
    const expected = lua51Lines(src);
    // the run-time 0 ^ -15 differs from the folded one only through the shared slot
    expect(expected[2]).not.toBe(expected[3]);
    const L = newState();
    const got: string[] = [];
    L.globals.setStr('out', new LuaHostFunction('out', (L1: LuaState, b: number) => {
      got.push(format17(L1.stack[b] as number));
      return 0;
    }));
    const r = runChunk(src.replace(/^.*\n/, ''), '=pow', { state: L });
    expect(r.error).toBeUndefined();
    expect(got).toEqual(expected);
    // and the constant tables agree with luac5.1's (one -0 slot, no 0)
    const luac = spawnSync('luac5.1', ['-l', '-l', '-p', '-'], { input: src, encoding: 'latin1' });
    expect(luac.status).toBe(0);
    const constants = (text: string): string => /^constants \(\d+\)[^\n]*\n(?:\t[^\n]*\n)*/m.exec(text)![0].replace(/0x[0-9a-f]+/, '');
    expect(constants(listing(compileSource(src, '=stdin'), { full: true }))).toBe(constants(luac.stdout));
  });

  it('the fast paths (integer and half-integer y, x = 2, the tables) give the slow path\'s bits and lua5.1\'s', () => {
    // x over many magnitudes, so that results reach the fast paths' range limits
    const anyX = fc.oneof(
      fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
      fc.double({ min: 2 ** -1022, max: 2 ** 1023, noNaN: true }),
      fc.integer({ min: 1, max: 1000 }),
    ).chain((x) => fc.constantFrom(x, -x));
    const fastPair = fc.oneof(
      fc.tuple(anyX, fc.integer({ min: -70, max: 70 })),
      fc.tuple(anyX, fc.integer({ min: -70, max: 70 }).map((n) => n + 0.5)),
      fc.tuple(anyX, fc.constantFrom(0.5, -1, 1, 2, 3, -2)),
      fc.tuple(fc.constant(2), fc.integer({ min: -1100, max: 1100 })),
      // any other y: the table-driven path
      fc.tuple(anyX, fc.double({ min: -50, max: 50, noNaN: true })),
      fc.tuple(fc.double({ min: 0.999, max: 1.001, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
      fc.tuple(fc.double({ min: 0.9, max: 1.1, noNaN: true }), fc.double({ min: -7000, max: 7000, noNaN: true })),
    );
    // near-midpoint results that the slow path (and glibc) may misround:
    // there the fast path must defer to the slow path
    for (const [x, y] of [[2.225073858507203e-308, 0.5], [2.225073858507205e-308, 0.5], [8.988465674311578e+307, -1],
      [1.0000000000000002, 0.5], [4 * (1 + 2 ** -52), 0.5], [2 ** 600 * (1 + 3 * 2 ** -52), 0.5], [2 ** 40 + 1, 3],
      // large |y log-tail|: the table path's z must be normalised before its reduction
      [0.9987804418963685, -66375.99137151435], [0.9781933294874311, 26941.98893241373]] as const) {
      expect(format17(cPow(x, y))).toBe(format17(powGeneral(x, y)));
    }
    fc.assert(
      fc.property(fc.array(fastPair, { minLength: BATCH, maxLength: BATCH }), (ps) => {
        ps.forEach(([x, y]) => {
          const got = cPow(x, y);
          // the slow path on |x|, signed as cPow signs it (odd integer y) or NaN (x < 0, y not an integer)
          let want = x > 0 ? powGeneral(x, y) : Number.isInteger(y) ? powGeneral(-x, y) * (Math.abs(y % 2) === 1 ? -1 : 1) : NEG_NAN;
          if (y === 2) want = x * x; // cPow's own square path, before powPositive
          if (format17(got) !== format17(want)) throw new Error(`${numeral(x)} ^ ${numeral(y)}: slow path ${format17(want)}, fast ${format17(got)}`);
        });
        const src = ['local f = string.format'];
        for (const [a, b] of ps) src.push(`do local a, b = ${numeral(a)}, ${numeral(b)} print(f('%.17g', a ^ b)) end`);
        expectLua51Bits(ps.map(([a, b]) => cPow(a, b)), ps.map(([a, b]) => format17(cPow(a, b))), lua51Lines(src.join('\n') + '\n'),
          (i) => `${numeral(ps[i]![0])} ^ ${numeral(ps[i]![1])}`);
      }),
      { numRuns: RUNS, endOnFailure: true, seed: SEED },
    );
  });

  it('the test\'s own comparison fails on Math.pow (which is an ulp off for some arguments)', () => {
    const src: string[] = ['local f = string.format'];
    const ps: [number, number][] = [];
    for (let i = 1; i <= 300; i++) ps.push([1 + i / 997, 10 + i / 31]);
    for (const [a, b] of ps) src.push(`print(f('%.17g', ${a} ^ ${b}))`);
    const lines = lua51Lines(src.join('\n') + '\n');
    const off = (pow: (a: number, b: number) => number): number => ps.filter(([a, b], i) => !Object.is(pow(a, b), Number(lines[i]!))).length;
    expect(off(cPow)).toBeLessThanOrEqual(1);
    expect(off(Math.pow)).toBeGreaterThan(10);
  });
});
