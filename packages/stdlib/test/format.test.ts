import fc from 'fast-check';
import {
  cutAtNul, formatChar, formatDouble, formatInteger, formatString, quoteString, scanFormat,
  type FormatSpec,
} from '../src/format.js';
import { EMIT, luaNumber, luaString, parseRecords, runLua, SEED } from './lua-batch.js';

// Formats one spec with the engine the way lstrlib dispatches it.
function engineFormat(fmt: string, arg: number | string): string {
  const spec: FormatSpec = { flags: 0, width: 0, precision: -1 };
  let i: number;
  try {
    i = scanFormat(fmt, 1, spec);
  } catch (e) {
    return 'ERR ' + (e as Error).message;
  }
  const conv = fmt.charCodeAt(i);
  switch (conv) {
    case 100: case 105: case 111: case 117: case 120: case 88:
      return formatInteger(conv, spec, arg as number);
    case 101: case 69: case 102: case 103: case 71:
      return formatDouble(conv, spec, arg as number);
    case 99: return cutAtNul(formatChar(spec, arg as number));
    case 115: return cutAtNul(formatString(spec, cutAtNul(arg as string)));
    case 113: return quoteString(arg as string);
    default: return 'ERR invalid option';
  }
}

// Runs the same cases through lua5.1 in one process.
function luaFormat(cases: Array<[string, number | string]>): string[] {
  let src = EMIT;
  for (const [fmt, arg] of cases) {
    const a = typeof arg === 'number' ? luaNumber(arg) : luaString(arg);
    src += `do local ok, r = pcall(string.format, ${luaString(fmt)}, ${a}) `
      + `if ok then emit(r) elseif r:find("invalid format") then emit("ERR " .. r) else emit("ERR invalid option") end end\n`;
  }
  const r = runLua(src);
  expect(r.stderr).toBe('');
  return parseRecords(r.stdout);
}

const flagsArb = fc.array(fc.constantFrom('-', '+', ' ', '#', '0'), { maxLength: 7 }).map((a) => a.join(''));
const widthArb = fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 120 }).map(String));
const precArb = fc.oneof(fc.constant(''), fc.constant('.'), fc.integer({ min: 0, max: 120 }).map((n) => '.' + n));
const specArb = (convs: string): fc.Arbitrary<string> =>
  fc.tuple(flagsArb, widthArb, precArb, fc.constantFrom(...convs.split('')))
    .map(([f, w, p, c]) => '%' + f + w + p + c);

const interesting = [0, -0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.125, 1e15, 1e16, 1e21, 1e22, 1e100, 1e300, 1.7976931348623157e308,
  5e-324, 2.2250738585072014e-308, 1e-5, 1e-4, 0.1, 0.3, 123456.789, 9.5, 99.5, 999999.5, 0.00001234,
  2 ** 53, 2 ** 63, -(2 ** 63), 2 ** 64, 3.7, -3.7, Infinity, -Infinity, 1 / 3, 2 / 3, 5e-5, 9.9999999e-5];

describe(`format engine vs lua5.1 (seed ${SEED})`, () => {
  test('doubles with random specs', () => {
    // exact binary fractions (ties), short decimals (near ties), integers (ties past the point)
    const numArb = fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(...interesting),
      fc.integer({ min: -100000, max: 100000 }).map((n) => n / 8),
      fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map((n) => n / 1024),
      fc.integer({ min: -100000, max: 100000 }).map((n) => n / 1000),
      fc.integer({ min: -(2 ** 53), max: 2 ** 53 }));
    const cases = fc.sample(fc.tuple(specArb('eEfgG'), numArb), { numRuns: 5000, seed: SEED + 1 });
    const expected = luaFormat(cases);
    cases.forEach(([fmt, x], k) => expect([fmt, x, engineFormat(fmt, x)]).toEqual([fmt, x, expected[k]]));
  });

  test('integers with random specs', () => {
    const numArb = fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(...interesting),
      fc.integer({ min: -1000, max: 1000 }), fc.maxSafeInteger());
    const cases = fc.sample(fc.tuple(specArb('diouxXc'), numArb), { numRuns: 3000, seed: SEED + 2 });
    const expected = luaFormat(cases);
    cases.forEach(([fmt, x], k) => expect([fmt, x, engineFormat(fmt, x)]).toEqual([fmt, x, expected[k]]));
  });

  test('strings with %s and %q', () => {
    const strArb = fc.oneof(fc.string({ maxLength: 12 }).map((s) => s.replace(/[^\x00-\xff]/g, 'x')),
      fc.uint8Array({ maxLength: 130 }).map((b) => String.fromCharCode(...b)));
    const cases = fc.sample(fc.tuple(fc.oneof(specArb('s'), fc.constant('%q')), strArb), { numRuns: 1500, seed: SEED + 3 });
    const expected = luaFormat(cases);
    cases.forEach(([fmt, s], k) => {
      // lstrlib keeps a long string whole when no precision is given
      const mine = fmt.endsWith('s') && !fmt.includes('.') && s.length >= 100 && !engineFormat(fmt, s).startsWith('ERR')
        ? s : engineFormat(fmt, s);
      expect([fmt, mine]).toEqual([fmt, expected[k]]);
    });
  });

  test('nan spellings follow the sign bit', () => {
    // lua5.1 on x86-64: 0/0 is -nan, -(0/0) is nan
    const src = EMIT + ['%f', '%e', '%g', '%G', '%+E', '% 8.3f', '%-8f', '%08g'].map((f) =>
      `emit(string.format("${f}", 0/0)) emit(string.format("${f}", -(0/0)))`).join('\n');
    const expected = parseRecords(runLua(src).stdout);
    const negNan = -NaN; // sign bit set explicitly below
    const f64 = new Float64Array(1), u8 = new Uint8Array(f64.buffer);
    f64[0] = NaN; u8[7]! |= 0x80; const nanNeg = f64[0]; f64[0] = NaN; u8[7]! &= 0x7f; const nanPos = f64[0];
    void negNan;
    const mine: string[] = [];
    for (const f of ['%f', '%e', '%g', '%G', '%+E', '% 8.3f', '%-8f', '%08g']) {
      mine.push(engineFormat(f, nanNeg), engineFormat(f, nanPos));
    }
    expect(mine).toEqual(expected);
  });
});
