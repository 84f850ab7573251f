// The table library (ltablib.c of Lua 5.1.5): concat, foreach, foreachi,
// getn, insert, maxn, remove, setn, sort.
//
// Invariants: element accesses are raw (rawgeti/rawseti), as in 5.1; the
// length is the raw border (`#t` without __len, which 5.1 ignores for tables).

import {
  LuaTable, nextEntry, numberToString, typeNameOf,
  type LibTable, type LuaState, type LuaValue,
} from '@valua/vm';
import { checkInt, optInt } from './string-lib.js';
import { InvalidOrderError, auxSort } from './sort.js';
import { STEPS_PER_UNIT, chargeWork } from './budget.js';

/** aux_getn: checks that argument n is a table and returns its border. */
function auxGetn(L: LuaState, n: number): number {
  return L.checkTable(n).length();
}

function tConcat(L: LuaState): number {
  const sep = L.optString(2, '');
  const t = L.checkTable(1);
  let i = optInt(L, 3, 1);
  const last = L.arg(4) === undefined ? t.length() : checkInt(L, 4);
  const parts: string[] = [];
  for (; i <= last; i++) {
    const v = t.getInt(i);
    if (typeof v === 'string') parts.push(v);
    else if (typeof v === 'number') parts.push(numberToString(v));
    else throw L.error(`invalid value (${typeNameOf(v)}) at index ${i} in table for 'concat'`);
    if (i === 2147483647) break; // the C int loop stops at INT_MAX
    if ((i & (STEPS_PER_UNIT - 1)) === 0) chargeWork(L);
  }
  L.push(parts.join(sep));
  return 1;
}

function tInsert(L: LuaState): number {
  const t = L.checkTable(1);
  let e = t.length() + 1; // first empty element
  let pos: number;
  switch (L.argCount()) {
    case 2:
      pos = e;
      break;
    case 3: {
      pos = checkInt(L, 2);
      if (pos > e) e = pos; // "grow" the array
      for (let i = e; i > pos; i--) { // move up elements
        t.setInt(i, t.getInt(i - 1));
        if ((i & (STEPS_PER_UNIT - 1)) === 0) chargeWork(L);
      }
      break;
    }
    default:
      throw L.error("wrong number of arguments to 'insert'");
  }
  t.setInt(pos, L.arg(L.argCount())); // t[pos] = v (the last argument)
  return 0;
}

function tRemove(L: LuaState): number {
  const t = L.checkTable(1);
  const e = t.length();
  let pos = optInt(L, 2, e);
  if (!(pos >= 1 && pos <= e)) return 0; // position outside bounds: nothing to remove
  const result = t.getInt(pos);
  for (; pos < e; pos++) {
    t.setInt(pos, t.getInt(pos + 1));
    if ((pos & (STEPS_PER_UNIT - 1)) === 0) chargeWork(L);
  }
  t.setInt(e, undefined);
  L.push(result);
  return 1;
}

function tMaxn(L: LuaState): number {
  const t = L.checkTable(1);
  let max = 0;
  let k: LuaValue = undefined;
  while (t.next(k)) {
    k = nextEntry.key;
    if (typeof k === 'number' && k > max) max = k;
  }
  L.push(max);
  return 1;
}

function tGetn(L: LuaState): number {
  L.push(auxGetn(L, 1));
  return 1;
}

function tSetn(L: LuaState): number {
  L.checkTable(1);
  throw L.error("'setn' is obsolete");
}

function tForeachi(L: LuaState): number {
  const t = L.checkTable(1);
  const n = t.length();
  const f = L.checkType(2, 'function');
  for (let i = 1; i <= n; i++) {
    const r = L.call1(f, i, t.getInt(i), 2);
    if (r !== undefined) {
      L.push(r);
      return 1;
    }
  }
  return 0;
}

function tForeach(L: LuaState): number {
  const t = L.checkTable(1);
  const f = L.checkType(2, 'function');
  let k: LuaValue = undefined;
  while (t.next(k)) {
    k = nextEntry.key;
    const r = L.call1(f, k, nextEntry.value, 2);
    if (r !== undefined) {
      L.push(r);
      return 1;
    }
  }
  return 0;
}

function tSort(L: LuaState): number {
  const t = L.checkTable(1);
  const n = t.length();
  const cmp = L.arg(2);
  if (cmp !== undefined) L.checkType(2, 'function');
  let steps = 0;
  const lt = cmp === undefined
    ? (a: LuaValue, b: LuaValue): boolean => {
      if ((++steps & (STEPS_PER_UNIT - 1)) === 0) chargeWork(L);
      return L.lessThan(a, b);
    }
    : (a: LuaValue, b: LuaValue): boolean => {
      const r = L.call1(cmp, a, b, 2);
      return r !== undefined && r !== false;
    };
  try {
    auxSort<LuaValue>({ get: (i) => t.getInt(i), set: (i, v) => t.setInt(i, v), lt }, 1, n);
  } catch (e) {
    if (e instanceof InvalidOrderError) throw L.error(e.message);
    throw e;
  }
  return 0;
}

// ltablib's tab_funcs order (it shapes the hash part, hence pairs(table))
export const tableLib: LibTable = {
  concat: tConcat,
  foreach: tForeach,
  foreachi: tForeachi,
  getn: tGetn,
  maxn: tMaxn,
  insert: tInsert,
  remove: tRemove,
  setn: tSetn,
  sort: tSort,
};

/** luaopen_table. */
export function openTable(L: LuaState): LuaTable {
  return L.register('table', tableLib);
}
