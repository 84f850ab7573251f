// A Lua table holding t[1..n] = items, in the state PUC-Rio 5.1 reaches by
// lua_rawseti(t, 1..n) on a new table (what cjson and cmsgpack do): each
// rehash doubles the array part, so it ends at the next power of two with
// an empty hash part. Built in one step instead of log2(n) rehashes.
// Invariant: no item is nil. The items may be a range of a larger array
// (a decoder's stack of pending values): items[from .. from+n-1].

import { LuaTable, type LuaValue } from '@valua/vm';
import { nilArray } from './tenured-arrays.js';

export function arrayTable(items: readonly LuaValue[], from = 0, n = items.length - from): LuaTable {
  const t = new LuaTable();
  if (n === 0) return t;
  let size = 1;
  while (size < n) size *= 2;
  // What t.resize(size, 0) makes of a new table, in a decoder's array.
  const arr = nilArray(size);
  t.arr = arr;
  for (let i = 0; i < n; i++) arr[i] = items[from + i];
  return t;
}
