import { LuaTable } from '@valua/vm';
import fc from 'fast-check';
import { arrayTable, hashTable } from '../src/array-table.js';

describe('arrayTable', () => {
  test('is the table rawseti(t, 1..n) builds, for every n up to 1100', () => {
    for (let n = 0; n <= 1100; n++) {
      const items = Array.from({ length: n }, (_, i) => i * 2 + 1);
      const bulk = arrayTable(items);
      const seq = new LuaTable();
      for (let i = 1; i <= n; i++) seq.setInt(i, items[i - 1]);
      expect([n, bulk.arr.length, bulk.hashCap, bulk.hkeys.length, bulk.length()]).toEqual([n, seq.arr.length, seq.hashCap, seq.hkeys.length, seq.length()]);
      expect(bulk.arr).toEqual(seq.arr);
      // Growing it afterwards behaves the same too.
      bulk.setInt(n + 1, 'x');
      seq.setInt(n + 1, 'x');
      bulk.setStr('k', 1);
      seq.setStr('k', 1);
      expect([bulk.arr.length, bulk.hashCap, bulk.length()]).toEqual([seq.arr.length, seq.hashCap, seq.length()]);
    }
  });

  test('hashTable is the table rawset of string keys in order builds, repeats and nils included', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q'),
      fc.option(fc.integer(), { nil: undefined })), { maxLength: 40 }), (pairs) => {
      const bulk = hashTable(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
      const seq = new LuaTable();
      for (const [k, v] of pairs) seq.setStr(k, v);
      const state = (t: LuaTable): unknown => [t.hashCap, t.arr.length, t.hkeys, t.hvals];
      expect(state(bulk)).toEqual(state(seq));
      bulk.setStr('zz', 1);
      seq.setStr('zz', 1);
      expect(state(bulk)).toEqual(state(seq));
    }), { numRuns: 500 });
    for (let n = 1; n <= 300; n++) {
      const keys = Array.from({ length: n }, (_, i) => 'k' + i);
      const bulk = hashTable(keys, keys);
      const seq = new LuaTable();
      for (const k of keys) seq.setStr(k, k);
      expect([n, bulk.hashCap, bulk.hkeys]).toEqual([n, seq.hashCap, seq.hkeys]);
    }
  });
});
