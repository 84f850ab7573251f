// A Lua table holding t[1..n] = items, in the state PUC-Rio 5.1 reaches by
// lua_rawseti(t, 1..n) on a new table (what cjson and cmsgpack do): each
// rehash doubles the array part, so it ends at the next power of two with
// an empty hash part. Built in one step instead of log2(n) rehashes.
// Invariant: no item is nil.

import { LuaTable, type LuaValue } from '@valua/vm';

export function arrayTable(items: readonly LuaValue[]): LuaTable {
  const t = new LuaTable();
  const n = items.length;
  if (n === 0) return t;
  let size = 1;
  while (size < n) size *= 2;
  t.resize(size, 0);
  const arr = t.arr;
  for (let i = 0; i < n; i++) arr[i] = items[i];
  return t;
}

/**
 * A Lua table holding keys[i] = values[i] for string keys, in the state
 * lua_rawset in that order reaches on a new table: a hash part of the next
 * power of two above the number of distinct keys; a repeated key keeps its
 * first position and takes its last value. With a nil value anywhere the
 * pairs are simply set in order (dead keys change the rehash sizes).
 */
export function hashTable(keys: readonly string[], values: readonly LuaValue[]): LuaTable {
  const t = new LuaTable();
  const n = keys.length;
  if (n === 0) return t;
  for (let i = 0; i < n; i++) {
    if (values[i] === undefined) {
      for (let j = 0; j < n; j++) t.setStr(keys[j]!, values[j]);
      return t;
    }
  }
  t.resize(0, n);
  for (let i = 0; i < n; i++) t.setStr(keys[i]!, values[i]);
  const distinct = t.hkeys.length;
  if (distinct === n) return t;
  // Repeated keys: size for the distinct ones, keep the first positions.
  const u = new LuaTable();
  u.resize(0, distinct);
  for (let s = 0; s < distinct; s++) u.setStr(t.hkeys[s] as string, t.hvals[s]);
  return u;
}
