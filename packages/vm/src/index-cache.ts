// A lookup cache for GETTABLE/SELF/GETGLOBAL with a constant string key on
// a table whose own lookup missed: `obj:method()` through a class chain of
// __index tables. Each instruction remembers where its last such lookup
// ended (the table holding the key and its node), for the receiver's
// metatable, while table.ts's shapeEpoch is unchanged. Nothing a lookup
// through tables depends on can change without bumping the epoch: the
// chain's tables gain no key, no `__index` field is written and no
// metatable is set; so the holder's node still holds the key, and its value
// is read live (a nil there falls back to the walk).
import type { LuaValue } from './value.js';
import type { Proto } from './proto.js';
import { LuaTable, shapeEpoch } from './table.js';
import { MAX_TAG_LOOP } from './ops.js';

/** Where one instruction's lookup ended. */
export class ChainHit {
  constructor(
    readonly mt: LuaTable,
    readonly epoch: number,
    readonly holder: LuaTable,
    readonly slot: number,
  ) {}
}

/**
 * Protos holding a cache. A cache entry holds its tables strongly, which a
 * Lua program could observe through a weak table after collectgarbage():
 * collection (weak.ts) empties every cache first (clearChainCaches).
 */
const cachedProtos = new Set<Proto>();

/** Drops every instruction's cache entry (before a collection). */
export function clearChainCaches(): void {
  for (const p of cachedProtos) p.chainCache = undefined;
  cachedProtos.clear();
}

/** What chainIndex returns when the general walk (ops.ts index) must decide. */
export const CHAIN_MISS: unique symbol = Symbol('chain miss');

/**
 * t[key] for a table t with a metatable whose own raw lookup of `key`
 * missed, when every step is an __index *table*; CHAIN_MISS otherwise (a
 * function handler, a nil result, the loop limit: index() does those).
 */
export function chainIndex(p: Proto, pc: number, t: LuaTable, key: string): LuaValue | typeof CHAIN_MISS {
  const mt = t.metatable as LuaTable;
  const cache = p.chainCache;
  if (cache !== undefined) {
    const e = cache[pc];
    if (e !== undefined && e.mt === mt && e.epoch === shapeEpoch) {
      const v = e.holder.node[e.slot + 1];
      if (v !== undefined) return v;
    }
  }
  let m: LuaTable = mt;
  for (let loop = 1; loop < MAX_TAG_LOOP; loop++) {
    const h = m.getStr('__index');
    if (!(h instanceof LuaTable)) return CHAIN_MISS;
    const slot = h.findNode(key);
    if (slot >= 0) {
      const v = h.node[slot + 1];
      if (v !== undefined) {
        let c = p.chainCache;
        if (c === undefined) {
          c = p.chainCache = new Array<ChainHit | undefined>(p.code.length + 1);
          cachedProtos.add(p);
        }
        c[pc] = new ChainHit(mt, shapeEpoch, h, slot);
        return v;
      }
    }
    const next = h.metatable;
    if (next === undefined) return CHAIN_MISS;
    m = next;
  }
  return CHAIN_MISS;
}
