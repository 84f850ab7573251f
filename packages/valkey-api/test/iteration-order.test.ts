// cjson.encode, cmsgpack.pack and luaToReply walk tables through the
// table's parts directly (for speed); this pins that their order is
// exactly next()'s, on tables with every kind of key and with deletions.

import fc from 'fast-check';
import { LuaTable, nextEntry, type LuaValue } from '@valua/vm';
import { luaToReply } from '../src/reply.js';
import { scriptState } from './script-state.js';
import { libCall } from './lib-call.js';

const L = scriptState();

function nextOrder(t: LuaTable): LuaValue[] {
  const keys: LuaValue[] = [];
  let k: LuaValue = undefined;
  while (t.next(k)) {
    k = nextEntry.key;
    keys.push(k);
  }
  return keys;
}

const key = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -3, max: 40 }), fc.constantFrom(0.5, 1e10, true, false));
const ops = fc.array(fc.tuple(key, fc.oneof(fc.integer(), fc.constant(undefined))), { minLength: 1, maxLength: 40 });

function build(list: [LuaValue, LuaValue][]): LuaTable {
  const t = new LuaTable();
  for (const [k, v] of list) t.set(k, v);
  return t;
}

describe('library traversal order is next() order', () => {
  test('cjson.encode objects', () => {
    libCall(L, 'cjson', 'encode_sparse_array', [true]);
    fc.assert(fc.property(ops, (list) => {
      const t = build(list.filter(([k]) => typeof k !== 'boolean'));
      const keys = nextOrder(t);
      const r = libCall(L, 'cjson', 'encode', [t]);
      expect(r.ok).toBe(true);
      const json = r.values[0] as string;
      if (json.startsWith('[')) return true;
      // Values are integers: the keys are the quoted strings before each ':'.
      const got = [...json.matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse('"' + m[1] + '"') as string);
      const want = keys.map((k) => (typeof k === 'number' ? String(libCall(L, 'cjson', 'encode', [k]).values[0]) : String(k)));
      expect(got).toEqual(want);
      return true;
    }), { numRuns: 300 });
    libCall(L, 'cjson', 'encode_sparse_array', [false]);
  });

  test('cmsgpack.pack maps', () => {
    fc.assert(fc.property(ops, (list) => {
      const t = build(list);
      const keys = nextOrder(t);
      const packed = libCall(L, 'cmsgpack', 'pack', [t]).values[0] as string;
      const h = packed.charCodeAt(0);
      if ((h & 0xf0) === 0x90 || h === 0xdc || h === 0xdd) return true; // keys 1..n: an array
      // Re-encode each key alone and find them in order in the packed map.
      let pos = 0;
      for (const k of keys) {
        const enc = libCall(L, 'cmsgpack', 'pack', [k]).values[0] as string;
        const at = packed.indexOf(enc, pos);
        expect(at).toBeGreaterThanOrEqual(pos);
        pos = at + enc.length;
      }
      return true;
    }), { numRuns: 300 });
  });

  test('luaToReply maps and sets', () => {
    fc.assert(fc.property(ops, (list) => {
      const inner = build(list);
      const keys = nextOrder(inner);
      const wrap = new LuaTable();
      wrap.setStr('set', inner);
      const r = luaToReply(wrap, { scriptResp: 2, clientResp: 3 });
      expect(r.type).toBe('set');
      if (r.type !== 'set') return false;
      const got = r.value.map((e) => (e.type === 'bulk' ? e.value : e.type === 'integer' ? e.value : e.type));
      const want = keys.map((k) => (typeof k === 'string' ? k : typeof k === 'number' ? Math.trunc(k) : k === true ? 'integer' : 'null'));
      expect(got.map((g) => (g === 'integer' ? 1 : g))).toEqual(want.map((w) => (w === 'integer' ? 1 : w)));
      return true;
    }), { numRuns: 300 });
  });
});
