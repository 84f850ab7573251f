import fc from 'fast-check';
import { breakDown, utcZone, formatDate, makeTime, makeTimeExact } from '../src/time.js';
import { EMIT, parseRecords, runLua, SEED } from './lua-batch.js';

// Every printable conversion character, so unknown ones are covered too.
const CHARS: string[] = [];
for (let c = 32; c < 127; c++) CHARS.push(String.fromCharCode(c));
const FMT = CHARS.map((c) => '%' + c).join('|') + 'x%';

function date(fmt: string, t: number): string {
  let utc = false;
  if (fmt.startsWith('!')) { utc = true; fmt = fmt.slice(1); }
  const tm = breakDown(BigInt(t), utc ? undefined : utcZone);
  if (tm === null) return 'nil';
  const epoch = (): bigint => makeTimeExact({ ...tm, isdst: tm.isdst ? 1 : 0 }, utcZone) ?? -1n;
  return formatDate(fmt, tm, epoch);
}

// lua5.1 runs with TZ=UTC so the comparison does not depend on the host's zone.
describe(`os.date/os.time engines vs lua5.1 (seed ${SEED})`, () => {
  test('every conversion at random instants, UTC and local', () => {
    const times = fc.sample(fc.oneof(
      fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
      fc.integer({ min: -(2 ** 31), max: 2 ** 32 }),
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.constantFrom(0, -1, 86399, 86400, 951782400, 2 ** 55, -(2 ** 55), 2 ** 60, -(2 ** 60)),
    ), { numRuns: 400, seed: SEED + 1 });
    let src = EMIT;
    for (const t of times) src += `emit(os.date("!${FMT.replace(/[\\"]/g, '\\$&')}", ${t})) emit(os.date("${FMT.replace(/[\\"]/g, '\\$&')}", ${t}))\n`;
    const r = runLua(src, '', { TZ: 'UTC' });
    expect(r.stderr).toBe('');
    const rec = parseRecords(r.stdout);
    times.forEach((t, k) => {
      expect([t, date('!' + FMT, t)]).toEqual([t, rec[2 * k]]);
      expect([t, date(FMT, t)]).toEqual([t, rec[2 * k + 1]]);
    });
  });

  test('os.time normalisation of out-of-range fields', () => {
    const fields = fc.sample(fc.record({
      year: fc.integer({ min: -3000, max: 5000 }), mon: fc.integer({ min: -30, max: 40 }),
      mday: fc.integer({ min: -100, max: 100 }), hour: fc.integer({ min: -50, max: 50 }),
      min: fc.integer({ min: -100, max: 100 }), sec: fc.integer({ min: -5000, max: 5000 }),
      isdst: fc.constantFrom(-1, 0, 1),
    }), { numRuns: 500, seed: SEED + 2 });
    let src = EMIT;
    for (const f of fields) {
      const dst = f.isdst < 0 ? 'nil' : f.isdst ? 'true' : 'false';
      src += `emit(tostring(os.time{year=${f.year}, month=${f.mon + 1}, day=${f.mday}, hour=${f.hour}, min=${f.min}, sec=${f.sec}, isdst=${dst}}))\n`;
    }
    const r = runLua(src, '', { TZ: 'UTC' });
    expect(r.stderr).toBe('');
    const rec = parseRecords(r.stdout);
    fields.forEach((f, k) => {
      const t = makeTime(f, utcZone);
      expect([f, t === null ? 'nil' : String(t)]).toEqual([f, rec[k]]);
    });
  });
});
