// cmsgpack.unpack builds each table when it is complete: the tables must be
// the ones lua_settable / lua_rawseti in data order build (node by node,
// nil values and non-string keys included), and the errors those stores
// raise must come where the C code raises them.

import fc from 'fast-check';
import { LuaTable, type LuaValue } from '@valua/vm';
import { scriptState } from './script-state.js';
import { libCall } from './lib-call.js';
import { layoutOf } from './table-layout.js';

const L = scriptState();
const SEED = Number(process.env['FC_SEED'] ?? 20261126);

// MessagePack as plain data: maps as pair lists, so order and duplicates are explicit.
type Mp = null | boolean | number | string | { arr: Mp[] } | { map: [Mp, Mp][] };

function bytes(m: Mp): string {
  if (m === null) return '\xc0';
  if (m === true) return '\xc3';
  if (m === false) return '\xc2';
  if (typeof m === 'number') {
    // Small integers and one float64 (1.5); enough for keys and values here.
    if (Number.isInteger(m) && m >= 0 && m < 128) return String.fromCharCode(m);
    if (m === 1.5) return '\xcb\x3f\xf8\x00\x00\x00\x00\x00\x00';
    throw new Error('unsupported number');
  }
  if (typeof m === 'string') return m.length < 32 ? String.fromCharCode(0xa0 | m.length) + m : '\xd9' + String.fromCharCode(m.length) + m;
  if ('arr' in m) return header(m.arr.length, 0x90, 0xdc) + m.arr.map(bytes).join('');
  return header(m.map.length, 0x80, 0xde) + m.map.map(([k, v]) => bytes(k) + bytes(v)).join('');
}

function header(n: number, fix: number, b16: number): string {
  return n < 16 ? String.fromCharCode(fix | n) : String.fromCharCode(b16, n >> 8, n & 0xff);
}

/** lua-cmsgpack's mp_decode_to_lua_array / _hash: rawseti 1..n, settable pair by pair. */
function reference(m: Mp): LuaValue {
  if (m === null) return undefined;
  if (typeof m !== 'object') return m;
  const t = new LuaTable();
  if ('arr' in m) m.arr.forEach((x, i) => t.setInt(i + 1, reference(x)));
  else for (const [k, v] of m.map) t.set(reference(k), reference(v));
  return t;
}

function unpack(s: string): LuaValue {
  const r = libCall(L, 'cmsgpack', 'unpack', [s]);
  if (!r.ok) throw new Error(String(r.error));
  return r.values[0];
}

describe('cmsgpack.unpack tables', () => {
  test('are the tables settable/rawseti in data order build, node by node', () => {
    const key = fc.oneof(fc.constantFrom<Mp>('id', 'name', 'x', '', 'a long key of more than 31 bytes!', 1, 2, 3, 7, true, 1.5), fc.string({ maxLength: 2 }));
    const mp = fc.letrec<{ m: Mp }>((tie) => ({
      m: fc.oneof({ depthSize: 'small', withCrossShrink: true },
        fc.constant(null), fc.boolean(), fc.nat({ max: 127 }), fc.string({ maxLength: 4 }),
        fc.array(tie('m'), { maxLength: 18 }).map((arr) => ({ arr })),
        fc.array(fc.tuple(key, fc.oneof(tie('m'), fc.nat({ max: 127 }))), { maxLength: 18 }).map((map) => ({ map }))),
    })).m;
    // Records repeated, as real data has them (repeated key sequences use kept layouts).
    const docs = fc.tuple(fc.array(mp, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }))
      .map(([ms, n]) => ({ arr: Array.from({ length: n }, () => ms).flat() }));
    fc.assert(fc.property(docs, (m) => {
      expect(layoutOf(unpack(bytes(m)))).toEqual(layoutOf(reference(m)));
      return true;
    }), { numRuns: 300, seed: SEED });
  });

  test('a nil or NaN key fails when its pair is stored, before later data is read', () => {
    const nan = '\xcb\x7f\xf8\x00\x00\x00\x00\x00\x00';
    // {nil = 1, <truncated>}: the nil key is reported, not the missing bytes.
    expect(libCall(L, 'cmsgpack', 'unpack', ['\x82\xc0\x01\xa1']).error).toBe('table index is nil');
    expect(libCall(L, 'cmsgpack', 'unpack', ['\x82' + nan + '\x01\xa1']).error).toBe('table index is NaN');
    // The key alone, value missing: the missing bytes come first.
    expect(libCall(L, 'cmsgpack', 'unpack', ['\x81\xc0']).error).toMatch(/Missing bytes in input/);
  });
});
