import fc from 'fast-check';
import { acos, asin, atan, atan2, cos, cosh, exp, log, log10, sin, sinh, tan, tanh } from '../src/dd-math.js';
import { powPositive } from '@valua/vm';
import { EMIT, SEED, luaNumber, parseRecords, runLua } from './lua-batch.js';

/** Distance in units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  const f = new Float64Array([a, b]);
  const i = new BigInt64Array(f.buffer);
  const d = i[0]! - i[1]!;
  return Number(d < 0n ? -d : d);
}

const hex = (x: number): string => { const b = new Float64Array([x]); return Array.from(new Uint8Array(b.buffer)).map((v) => v.toString(16).padStart(2, '0')).join(''); };

// glibc's exp/log/pow are not quite correctly rounded (up to 0.52 ulp), ours
// are: a rare near-tie may round the other way. Math.exp/log/pow differ from
// glibc in 2-11% of these cases; here at most 0.5%, and only by one ulp.
describe(`double-double exp/log/log10/pow vs glibc via lua5.1 (seed ${SEED})`, () => {
  test('equal to glibc on random arguments but for rare one-ulp near-ties', () => {
    const num = fc.oneof(
      fc.double({ min: -745, max: 710, noNaN: true }),
      fc.double({ min: 1e-300, max: 1e300, noNaN: true }),
      fc.double({ min: 0.5, max: 2, noNaN: true }),
      fc.double({ min: -5, max: 5, noNaN: true }));
    const cases = fc.sample(fc.tuple(num, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true })), { numRuns: 3000, seed: SEED + 1 });
    let src = EMIT + 'local function h(x) return string.format("%.17g", x) end\n';
    for (const [x, p, y] of cases) {
      const a = luaNumber(x), ap = luaNumber(Math.abs(x) || 1), b = luaNumber(p), c = luaNumber(y);
      src += `emit(h(math.exp(${a})) .. " " .. h(math.log(${ap})) .. " " .. h(math.log10(${ap})) .. " " .. h(math.pow(${b}, ${c})))\n`;
    }
    const r = runLua(src);
    const rec = parseRecords(r.stdout);
    const bad = [0, 0, 0, 0];
    const fails: string[] = [];

    cases.forEach(([x, p, y], k) => {
      const num = (t: string): number => (t === 'inf' ? Infinity : t === '-inf' ? -Infinity : /nan/.test(t) ? NaN : Number(t));
      const [e1, l1, g1, p1] = rec[k]!.split(' ').map(num);
      const ax = Math.abs(x) || 1;
      const mine = [exp(x), log(ax), log10(ax), powPositive(p, y)];
      const ref = [e1!, l1!, g1!, p1!];
      for (let i = 0; i < 4; i++) {
        const a = mine[i]!, b = ref[i]!;
        if (a === b || (Number.isNaN(a) && Number.isNaN(b))) continue;
        bad[i]!++;
        // log10 multiplies log's result, so log's rare ulp can become two
        if (ulps(a, b) > (i === 2 ? 2 : 1)) fails.push(`${['exp', 'log', 'log10', 'pow'][i]} ${x} ${p} ${y}: ${a} ${b} ${hex(a)}`);
      }
    });
    expect(fails).toEqual([]); // never more than one ulp apart
    for (const n of bad) expect(n).toBeLessThanOrEqual(cases.length * 0.005);
  });

  test('sinh, cosh and tanh as glibc computes them', () => {
    const num = fc.oneof(fc.double({ min: -720, max: 720, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -25, max: 25, noNaN: true }));
    const xs = fc.sample(num, { numRuns: 3000, seed: SEED + 2 });
    let src = EMIT;
    for (const x of xs) src += `emit(string.format("%.17g %.17g %.17g", math.sinh(${luaNumber(x)}), math.cosh(${luaNumber(x)}), math.tanh(${luaNumber(x)})))\n`;
    const rec = parseRecords(runLua(src).stdout);
    const num2 = (t: string): number => (t === 'inf' ? Infinity : t === '-inf' ? -Infinity : Number(t));
    const fails: string[] = [];
    xs.forEach((x, k) => {
      const [s1, c1, t1] = rec[k]!.split(' ').map(num2);
      if (sinh(x) !== s1 || cosh(x) !== c1 || tanh(x) !== t1) fails.push(`${x}: ${sinh(x)} ${s1} ${cosh(x)} ${c1} ${tanh(x)} ${t1}`);
    });
    expect(fails.length).toBeLessThanOrEqual(xs.length * 0.005);
  });
});


describe(`double-double trigonometry vs glibc via lua5.1 (seed ${SEED})`, () => {
  test('sin cos tan asin acos atan atan2: rare one-ulp near-ties only', () => {
    const num = fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -1e5, max: 1e5, noNaN: true }),
      fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1e-5, max: 1e-5, noNaN: true }),
      fc.double({ noNaN: true, noDefaultInfinity: true }));
    const xs = fc.sample(fc.tuple(num, num), { numRuns: 3000, seed: SEED + 3 });
    let src = EMIT;
    for (const [x, y] of xs) {
      const a = luaNumber(x), b = luaNumber(y), c = luaNumber(Math.max(-1, Math.min(1, x / 10)));
      src += `emit(string.format("%.17g %.17g %.17g %.17g %.17g %.17g %.17g", math.sin(${a}), math.cos(${a}), math.tan(${a}), math.asin(${c}), math.acos(${c}), math.atan(${a}), math.atan2(${a}, ${b})))\n`;
    }
    const rec = parseRecords(runLua(src).stdout);
    const names = ['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2'];
    const bad = names.map(() => 0);
    const far: string[] = [];
    xs.forEach(([x, y], k) => {
      const c = Math.max(-1, Math.min(1, x / 10));
      const mine = [sin(x), cos(x), tan(x), asin(c), acos(c), atan(x), atan2(x, y)];
      const ref = rec[k]!.split(' ').map(Number);
      mine.forEach((m, i) => {
        if (m === ref[i]) return;
        bad[i]!++;
        if (ulps(m, ref[i]!) > 1 && far.length < 10) far.push(`${names[i]}(${x}, ${y}) = ${m} vs ${ref[i]}`);
      });
    });
    expect(far).toEqual([]); // never more than one ulp apart
    expect(names.map((n, i) => `${n} ${bad[i]! <= xs.length * 0.005 ? 'ok' : bad[i]}`)).toEqual(names.map((n) => `${n} ok`));
  });
});
