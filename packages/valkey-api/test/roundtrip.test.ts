// Round-trip laws of the helper libraries (fast-check), through the
// libraries' Lua entry points: cjson.decode(cjson.encode(v)) == v for
// JSON-able values, cmsgpack.unpack(cmsgpack.pack(...)) == ..., struct
// unpack(fmt, pack(fmt, ...)) == ... for formats whose values are exact.

import fc from 'fast-check';
import { LuaTable, nextEntry, type LuaValue } from '@valua/vm';
import { JSON_NULL } from '../src/cjson/null.js';
import { scriptState } from './script-state.js';
import { libCall } from './lib-call.js';

const L = scriptState();

type J = null | boolean | number | string | J[] | { [k: string]: J };

const byteString = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 12 });

/** Numbers cjson's %.14g keeps exactly (integers below 2^53/1e14 and short decimals). */
const exactNumber = fc.oneof(fc.integer({ min: -(10 ** 14) + 1, max: 10 ** 14 - 1 }), fc.integer({ min: -99999, max: 99999 }).map((n) => n / 100));

const jsonValue = fc.letrec<{ j: J }>((tie) => ({
  j: fc.oneof({ depthSize: 'small' },
    fc.constant(null), fc.boolean(), exactNumber, byteString,
    fc.array(tie('j'), { minLength: 1, maxLength: 5 }),
    fc.dictionary(byteString, tie('j'), { minKeys: 1, maxKeys: 5 })),
})).j;

/** J -> Lua value as cjson.decode would build it (null -> cjson.null). */
function toLua(j: J): LuaValue {
  if (j === null) return JSON_NULL;
  if (Array.isArray(j)) {
    const t = new LuaTable();
    j.forEach((x, i) => t.setInt(i + 1, toLua(x)));
    return t;
  }
  if (typeof j === 'object') {
    const t = new LuaTable();
    for (const k of Object.keys(j)) t.setStr(k, toLua(j[k]!));
    return t;
  }
  return j;
}

/** Structural equality of Lua values (tables by content, raw). */
function same(a: LuaValue, b: LuaValue): boolean {
  if (a instanceof LuaTable && b instanceof LuaTable) {
    const ka = entries(a);
    const kb = entries(b);
    if (ka.length !== kb.length) return false;
    for (const [k, v] of ka) if (!same(v, b.get(k))) return false;
    return true;
  }
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) || (a === b);
  return a === b;
}

function entries(t: LuaTable): [LuaValue, LuaValue][] {
  const out: [LuaValue, LuaValue][] = [];
  let k: LuaValue = undefined;
  while (t.next(k)) {
    k = nextEntry.key;
    out.push([k, nextEntry.value]);
  }
  return out;
}

describe('round trips', () => {
  test('cjson.decode(cjson.encode(v)) equals v', () => {
    fc.assert(fc.property(jsonValue, (j) => {
      const v = toLua(j);
      const enc = libCall(L, 'cjson', 'encode', [v]);
      expect(enc.ok).toBe(true);
      const dec = libCall(L, 'cjson', 'decode', [enc.values[0]]);
      expect(dec.ok).toBe(true);
      return same(dec.values[0], v);
    }), { numRuns: 500 });
  });

  test('cjson.encode output is JSON that JSON.parse reads back to the same data', () => {
    fc.assert(fc.property(jsonValue, (j) => {
      // Keep to ASCII strings: JSON.parse works on UTF-16, cjson on bytes.
      const enc = libCall(L, 'cjson', 'encode', [toLua(j)]).values[0] as string;
      const back = JSON.parse(Buffer.from(enc, 'latin1').toString('latin1'));
      return JSON.stringify(normalize(back)) === JSON.stringify(normalize(j));
    }), { numRuns: 300 });
  });

  test('cmsgpack.unpack(cmsgpack.pack(...)) returns the same values', () => {
    const mpValue = fc.letrec<{ v: LuaValue }>((tie) => ({
      v: fc.oneof({ depthSize: 'small' },
        fc.double(), fc.integer(), fc.constantFrom(2 ** 53, -(2 ** 63), 2 ** 63, 0.5, -0), byteString, fc.boolean(),
        fc.array(tie('v'), { maxLength: 5 }).map((a) => {
          const t = new LuaTable();
          a.forEach((x, i) => t.setInt(i + 1, x ?? false));
          return t as LuaValue;
        }),
        fc.array(fc.tuple(fc.oneof(byteString, fc.integer({ min: -5, max: 50 })), tie('v')), { maxLength: 5 }).map((a) => {
          const t = new LuaTable();
          for (const [k, x] of a) t.set(k, x ?? false);
          return t as LuaValue;
        })),
    })).v;
    fc.assert(fc.property(fc.array(mpValue, { minLength: 1, maxLength: 4 }), (vals) => {
      const p = libCall(L, 'cmsgpack', 'pack', vals);
      expect(p.ok).toBe(true);
      const u = libCall(L, 'cmsgpack', 'unpack', p.values);
      expect(u.ok).toBe(true);
      return u.values.length === vals.length && vals.every((v, i) => same(u.values[i], v));
    }), { numRuns: 500 });
  });

  test('struct.unpack(fmt, struct.pack(fmt, ...)) returns the values, then the next position', () => {
    const item = fc.oneof(
      fc.tuple(fc.constantFrom('b'), fc.integer({ min: -128, max: 127 })),
      fc.tuple(fc.constantFrom('B'), fc.integer({ min: 0, max: 255 })),
      fc.tuple(fc.constantFrom('h'), fc.integer({ min: -32768, max: 32767 })),
      fc.tuple(fc.constantFrom('H'), fc.integer({ min: 0, max: 65535 })),
      fc.tuple(fc.constantFrom('i', 'i4', 'l', 'i8'), fc.integer()),
      fc.tuple(fc.constantFrom('I', 'L', 'T', 'I8', 'I6'), fc.integer({ min: 0, max: 2 ** 31 })),
      fc.tuple(fc.constantFrom('i3'), fc.integer({ min: -(2 ** 23), max: 2 ** 23 - 1 })),
      fc.tuple(fc.constantFrom('d'), fc.double()),
      fc.tuple(fc.constantFrom('f'), fc.float({ noNaN: true })),
      fc.tuple(fc.constantFrom('c5'), fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), minLength: 5, maxLength: 5 })),
      fc.tuple(fc.constantFrom('s'), fc.string({ unit: fc.integer({ min: 1, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 8 })),
    );
    const prefix = fc.constantFrom('', '<', '>', '!', '!2', '!4', '>!8', '<!16');
    fc.assert(fc.property(prefix, fc.array(item, { minLength: 1, maxLength: 6 }), (pre, items) => {
      const fmt = pre + items.map(([o]) => o).join(' ');
      const vals = items.map(([, v]) => v as LuaValue);
      const p = libCall(L, 'struct', 'pack', [fmt, ...vals]);
      expect(p.ok).toBe(true);
      const packed = p.values[0] as string;
      const u = libCall(L, 'struct', 'unpack', [fmt, packed]);
      expect(u.ok).toBe(true);
      expect(u.values.length).toBe(vals.length + 1);
      expect(u.values[vals.length]).toBe(packed.length + 1);
      return vals.every((v, i) => same(u.values[i], v));
    }), { numRuns: 500 });
  });

  test('every byte survives every library', () => {
    let all = '';
    for (let c = 0; c < 256; c++) all += String.fromCharCode(c);
    const enc = libCall(L, 'cjson', 'encode', [all]).values[0];
    expect(libCall(L, 'cjson', 'decode', [enc]).values[0]).toBe(all);
    const packed = libCall(L, 'cmsgpack', 'pack', [all]).values[0];
    expect(libCall(L, 'cmsgpack', 'unpack', [packed]).values[0]).toBe(all);
    const s = libCall(L, 'struct', 'pack', ['c0', all]).values[0];
    expect(s).toBe(all);
    expect(libCall(L, 'struct', 'unpack', ['c256', s]).values[0]).toBe(all);
  });
});

function normalize(j: unknown): unknown {
  if (Array.isArray(j)) return j.map(normalize);
  if (j !== null && typeof j === 'object') {
    const o = j as Record<string, unknown>;
    return Object.keys(o).sort().map((k) => [k, normalize(o[k])]);
  }
  return j;
}
