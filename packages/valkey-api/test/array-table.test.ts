import { LuaTable } from '@valua/vm';
import { arrayTable } from '../src/array-table.js';

describe('arrayTable', () => {
  test('is the table rawseti(t, 1..n) builds, for every n up to 1100', () => {
    for (let n = 0; n <= 1100; n++) {
      const items = Array.from({ length: n }, (_, i) => i * 2 + 1);
      const bulk = arrayTable(items);
      const seq = new LuaTable();
      for (let i = 1; i <= n; i++) seq.setInt(i, items[i - 1]);
      expect([n, bulk.arr.length, bulk.hashCap, bulk.node.length, bulk.length()]).toEqual([n, seq.arr.length, seq.hashCap, seq.node.length, seq.length()]);
      expect(bulk.arr).toEqual(seq.arr);
      // Growing it afterwards behaves the same too.
      bulk.setInt(n + 1, 'x');
      seq.setInt(n + 1, 'x');
      bulk.setStr('k', 1);
      seq.setStr('k', 1);
      expect([bulk.arr.length, bulk.hashCap, bulk.length()]).toEqual([seq.arr.length, seq.hashCap, seq.length()]);
    }
  });
});
