// Test helper: a table's complete internal state as plain data, to assert
// that a bulk-built table is the very table key-by-key stores build.

import { LuaTable, type LuaValue } from '@valua/vm';

/** Everything that decides a table's behaviour: both parts, node by node. */
export function layoutOf(v: LuaValue): unknown {
  if (!(v instanceof LuaTable)) return typeof v === 'number' && Object.is(v, -0) ? '-0' : v;
  return {
    arr: v.arr.map(layoutOf),
    cap: v.hashCap,
    node: v.node.map(layoutOf),
    map: v.hmap === undefined ? undefined : [...v.hmap.entries()].sort((a, b) => a[1] - b[1]),
  };
}
