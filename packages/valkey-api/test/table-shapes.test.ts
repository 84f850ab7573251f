import fc from 'fast-check';
import { LuaTable, type LuaValue } from '@valua/vm';
import { resetShapes, shapeChild, shapedTable, shapeRoot, type ShapeNode } from '../src/table-shapes.js';
import { layoutOf } from './table-layout.js';

/** The table lua_rawset one pair at a time builds. */
function reference(pairs: [string, LuaValue][]): LuaTable {
  const t = new LuaTable();
  for (const [k, v] of pairs) t.setStr(k, v);
  return t;
}

function viaShapes(pairs: [string, LuaValue][]): LuaTable {
  const kv: LuaValue[] = ['padding'];
  let node: ShapeNode | null = shapeRoot();
  for (const [k, v] of pairs) {
    kv.push(k, v);
    if (node !== null) node = shapeChild(node, k);
  }
  return shapedTable(node, kv, 1, kv.length);
}

// Few distinct keys, so that sequences repeat and their kept layouts are used.
const key = fc.oneof(fc.constantFrom('id', 'name', 'a', 'b', 'pos', '', 'x"y', 'k\\'), fc.string({ maxLength: 3 }));
const pairs = fc.array(fc.tuple(key, fc.oneof(fc.integer(), fc.constant(true), fc.string())), { minLength: 1, maxLength: 70 });

describe('shapedTable', () => {
  test('builds the table setStr in order builds, with layouts kept or not', () => {
    fc.assert(fc.property(pairs, (list) => {
      // Three times: the first two build key by key, the third copies the kept layout.
      for (let round = 0; round < 3; round++) {
        const t = viaShapes(list);
        const want = reference(list);
        expect(layoutOf(t)).toEqual(layoutOf(want));
        // And it goes on behaving the same: more keys (rehashes), then deletions.
        for (const k of ['zz', 'id', '1', 'more']) {
          t.setStr(k, 'new');
          want.setStr(k, 'new');
        }
        t.set(1, 'one');
        want.set(1, 'one');
        t.setStr(list[0]![0], undefined);
        want.setStr(list[0]![0], undefined);
        expect(layoutOf(t)).toEqual(layoutOf(want));
      }
    }), { numRuns: 400, seed: Number(process.env['FC_SEED'] ?? 20261126) });
  });

  test('a node takes 128 different next keys, then no more', () => {
    resetShapes();
    const parent = shapeChild(shapeRoot(), 'parent')!;
    const kids = Array.from({ length: 128 }, (_, i) => shapeChild(parent, 'c' + i));
    expect(kids.every((k) => k !== null)).toBe(true);
    expect(shapeChild(parent, 'c128')).toBe(null);
    // Known keys are still found, in the scanned list and in the map.
    expect(shapeChild(parent, 'c3')).toBe(kids[3]);
    expect(shapeChild(parent, 'c100')).toBe(kids[100]);
  });

  test('past 4096 nodes the trie starts again', () => {
    resetShapes();
    const first = shapeRoot();
    let made = 1;
    for (let i = 0; shapeRoot() === first && i < 10000; i++) {
      const a = shapeChild(shapeRoot(), 'a' + (i >> 7));
      if (a !== null && shapeChild(a, 'b' + i) !== null) made++;
    }
    expect(shapeRoot()).not.toBe(first);
    expect(made).toBeGreaterThan(4000);
    expect(made).toBeLessThanOrEqual(4096);
    expect(shapeRoot().childCount).toBe(0);
  });

  test('repeated sequences copy one layout: tables are independent copies', () => {
    const list: [string, LuaValue][] = [['id', 1], ['name', 'n'], ['score', 2.5]];
    const tables = [1, 2, 3, 4].map(() => viaShapes(list));
    tables[2]!.setStr('extra', 1);
    tables[3]!.setStr('id', 99);
    expect(layoutOf(tables[0])).toEqual(layoutOf(reference(list)));
    expect(layoutOf(tables[1])).toEqual(layoutOf(reference(list)));
    expect(tables[3]!.getStr('id')).toBe(99);
    expect(tables[0]!.getStr('id')).toBe(1);
    expect(tables[2]!.getStr('extra')).toBe(1);
    expect(tables[1]!.getStr('extra')).toBe(undefined);
  });

  test('bounds: long keys and many keys are built key by key', () => {
    resetShapes();
    expect(shapeChild(shapeRoot(), 'k'.repeat(41))).toBe(null);
    expect(shapeChild(shapeRoot(), 'k'.repeat(40))).not.toBe(null);
    let node: ShapeNode | null = shapeRoot();
    for (let i = 0; i < 64 && node !== null; i++) node = shapeChild(node, 'key' + i);
    expect(node).not.toBe(null);
    expect(shapeChild(node!, 'one more')).toBe(null);
    // A table of 100 keys still comes out right (its node is null past 64).
    const list: [string, LuaValue][] = Array.from({ length: 100 }, (_, i) => ['key' + i, i]);
    for (let round = 0; round < 3; round++) expect(layoutOf(viaShapes(list))).toEqual(layoutOf(reference(list)));
  });
});
