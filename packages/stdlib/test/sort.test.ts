import fc from 'fast-check';
import { InvalidOrderError, auxSort } from '../src/sort.js';
import { EMIT, parseRecords, runLua, SEED } from './lua-batch.js';

// Comparators written twice: as Lua source and as the same function in JS.
// nil (beyond the array) compares as "less" so bad comparators run off the end.
const COMPARATORS: Array<[string, (a: number, b: number) => boolean]> = [
  ['a < b', (a, b) => a < b],
  ['a > b', (a, b) => a > b],
  ['a <= b', (a, b) => a <= b],
  ['true', () => true],
  ['(a * 7 + b * 3) % 5 < 2', (a, b) => (((a * 7 + b * 3) % 5) + 5) % 5 < 2],
  ['a % 3 < b % 3', (a, b) => ((a % 3) + 3) % 3 < ((b % 3) + 3) % 3],
];

function jsSort(arr: number[], cmp: (a: number, b: number) => boolean): string[] {
  const t = arr.slice();
  const log: string[] = [];
  const fmt = (v: number | undefined): string => (v === undefined ? 'nil' : String(v));
  let err = 'ok';
  try {
    auxSort<number | undefined>({
      get: (i) => t[i - 1],
      set: (i, v) => { t[i - 1] = v as number; },
      lt: (a, b) => {
        log.push(fmt(a) + '<' + fmt(b));
        if (a === undefined || b === undefined) return true;
        return cmp(a, b);
      },
    }, 1, arr.length);
  } catch (e) {
    if (!(e instanceof InvalidOrderError)) throw e;
    err = e.message;
  }
  return [t.map(fmt).join(','), log.join(' '), err];
}

describe(`auxSort vs lua5.1 table.sort (seed ${SEED})`, () => {
  test('random arrays and comparators: same result and comparator calls', () => {
    const cases = fc.sample(fc.tuple(
      fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 40 }),
      fc.integer({ min: 0, max: COMPARATORS.length - 1 }),
    ), { numRuns: 600, seed: SEED + 1 });
    let src = EMIT + `
local function run(t, f)
  local log = {}
  local ok, e = pcall(table.sort, t, function(a, b)
    log[#log + 1] = tostring(a) .. "<" .. tostring(b)
    if a == nil or b == nil then return true end
    return f(a, b)
  end)
  local out = {}
  for i = 1, #t do out[i] = tostring(t[i]) end
  emit(table.concat(out, ",")) emit(table.concat(log, " ")) emit(ok and "ok" or e)
end
`;
    for (const [arr, c] of cases) src += `run({${arr.join(',')}}, function(a, b) return ${COMPARATORS[c]![0]} end)\n`;
    const r = runLua(src);
    expect(r.stderr).toBe('');
    const rec = parseRecords(r.stdout);
    cases.forEach(([arr, c], k) => {
      expect([arr, c, jsSort(arr, COMPARATORS[c]![1])]).toEqual([arr, c, rec.slice(3 * k, 3 * k + 3)]);
    });
  });
});
