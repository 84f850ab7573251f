// LuaTable: an array part plus a hash part laid out exactly as PUC-Rio
// 5.1's ltable.c lays out its nodes, so that `#t` (luaH_getn's border rule)
// and the traversal order of next/pairs are lua5.1's for string, number and
// boolean keys (object keys hash by a pseudo-address, as arbitrary as real
// addresses).
//
// Array part: `arr[i-1]` holds t[i] for 1 <= i <= arr.length (5.1's
// "sizearray"); slots may hold nil. Hash part: `hashCap` nodes (0 = 5.1's
// dummy node, else a power of two) in parallel arrays `hkeys`/`hvals`/
// `hnext` (a free node has key undefined; a node whose value is nil keeps
// its key, as a 5.1 node does). New keys go to their main position with
// 5.1's collision rule (the colliding node moves if it is not in its own
// main position; free nodes are taken from `lastfree` downwards); when none
// is free the table is rehashed with computesizes and the nodes are
// re-inserted from the last to the first, as luaH_resize does. Lookups go
// through `hmap` (key -> node; small hash parts are scanned instead)
// rather than by walking chains: same answers, one Map probe. Keys:
// numbers unify 1 and 1.0, and both Map and === fold -0 into 0; NaN and
// nil are rejected by the setters' callers (see ops.ts checkKey).

import type { LuaValue } from './value.js';
import { newObjectId } from './value.js';

const MAXBITS = 26;
/** Hash parts up to this many nodes are searched by scanning, without a Map. */
const SMALL_HASH = 8;
const MAXASIZE = 1 << MAXBITS;

/**
 * Shared empty parts: most tables never get a hash part, many never an
 * array part. Never mutated: setNodeVector / resize replace them first.
 */
const NO_VALUES: LuaValue[] = [];
const NO_LINKS: number[] = [];

/** rehash's nums[] (computesizes' counters), reused: rehash never nests. */
const NUMS = new Int32Array(MAXBITS + 1);

/**
 * Fresh parts are copies (slice) of these templates: exactly sized (`[]`
 * plus push reserves 17 slots for the first element, most of a small
 * table's memory), packed with the element kind push gives, and made
 * without an array literal: V8 tracks literal sites and pretenures a site
 * whose arrays survive (binary-trees' long-lived trees), after which every
 * short-lived table part from it went straight to the old generation
 * (binary-trees: 2.0 s and 250 MB with literals, 0.7 s and 125 MB with
 * slices). Templates are never mutated.
 */
const NIL_TEMPLATES: LuaValue[][] = [];
const LINK_TEMPLATES: number[][] = [];
{
  for (let n = 0; n <= 8; n++) {
    const a: LuaValue[] = [];
    const l: number[] = [];
    for (let i = 0; i < n; i++) { a.push(undefined); l.push(-1); }
    NIL_TEMPLATES.push(a.slice());
    LINK_TEMPLATES.push(l.slice());
  }
}

/** n nils, exactly sized for n <= 8. */
function nils(n: number): LuaValue[] {
  if (n <= 8) return NIL_TEMPLATES[n]!.slice();
  const a: LuaValue[] = [];
  for (let i = 0; i < n; i++) a.push(undefined);
  return a;
}

/** n node links (-1 = end of chain), exactly sized for n <= 8. */
function links(n: number): number[] {
  if (n <= 8) return LINK_TEMPLATES[n]!.slice();
  const a: number[] = [];
  for (let i = 0; i < n; i++) a.push(-1);
  return a;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** luaS_hash of lstring.c: seed = length, at most ~32 characters sampled. */
export function stringHash(s: string): number {
  const l = s.length;
  let h = l >>> 0;
  const step = (l >>> 5) + 1;
  for (let l1 = l; l1 >= step; l1 -= step) {
    h = (h ^ (((h << 5) >>> 0) + (h >>> 2) + (s.charCodeAt(l1 - 1) & 0xff))) >>> 0;
  }
  return h;
}

export class LuaTable {
  arr: LuaValue[];
  /** key -> node index, for every node holding a key. */
  hmap: Map<LuaValue, number> | undefined;
  /** Node keys (undefined = free node). */
  hkeys: LuaValue[];
  /** Node values (undefined = nil). */
  hvals: LuaValue[];
  /** Node chains (-1 = end). */
  hnext: number[];
  /** 5.1's sizenode: 0 (the dummy node) or a power of two. */
  hashCap: number;
  /** Free nodes are searched below this index (5.1's lastfree). */
  lastfree: number;
  metatable: LuaTable | undefined;
  readonly id: number;
  /** Written by `next()`: the key and value found. */
  nextKey: LuaValue;
  nextValue: LuaValue;

  /** narr/nhash: preallocation, as NEWTABLE's B and C (luaH_new). */
  constructor(narr = 0, nhash = 0) {
    this.arr = narr > 0 ? nils(narr) : NO_VALUES;
    this.hmap = undefined;
    this.hkeys = NO_VALUES;
    this.hvals = NO_VALUES;
    this.hnext = NO_LINKS;
    this.hashCap = 0;
    this.lastfree = 0;
    this.metatable = undefined;
    this.id = newObjectId();
    this.nextKey = undefined;
    this.nextValue = undefined;
    if (nhash > 0) this.setNodeVector(nhash);
  }

  /** Raw get (no metamethods). */
  get(key: LuaValue): LuaValue {
    if (typeof key === 'number') {
      const arr = this.arr;
      const i = key - 1;
      if (i >= 0 && i < arr.length && (i | 0) === i) return arr[i];
    }
    const n = this.findNode(key);
    return n < 0 ? undefined : this.hvals[n];
  }

  /** Raw get with a string key (the GETGLOBAL / field fast path). */
  getStr(key: string): LuaValue {
    const m = this.hmap;
    if (m !== undefined) {
      const n = m.get(key);
      return n === undefined ? undefined : this.hvals[n];
    }
    const keys = this.hkeys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return this.hvals[i];
    return undefined;
  }

  /**
   * The node holding `key`, or -1: through hmap for big hash parts, by a
   * scan of the (at most SMALL_HASH) keys for small ones, which saves a Map
   * per small table.
   */
  findNode(key: LuaValue): number {
    const m = this.hmap;
    if (m !== undefined) {
      const n = m.get(key);
      return n === undefined ? -1 : n;
    }
    if (key === undefined) return -1;
    const keys = this.hkeys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return i;
    return -1;
  }

  /** Raw get with an integer key. */
  getInt(key: number): LuaValue {
    const arr = this.arr;
    if (key >= 1 && key <= arr.length) return arr[key - 1];
    const n = this.findNode(key);
    return n < 0 ? undefined : this.hvals[n];
  }

  /**
   * Raw set. The key must not be nil or NaN (callers raise "table index is
   * nil" / "table index is NaN" first; see ops.ts checkKey).
   */
  set(key: LuaValue, value: LuaValue): void {
    if (typeof key === 'number') {
      const arr = this.arr;
      const i = key - 1;
      if (i >= 0 && i < arr.length && (i | 0) === i) { arr[i] = value; return; }
    }
    this.setHash(key, value);
  }

  /** Raw set with a string key. */
  setStr(key: string, value: LuaValue): void {
    this.setHash(key, value);
  }

  /** Raw set with an integer key. */
  setInt(key: number, value: LuaValue): void {
    const arr = this.arr;
    if (key >= 1 && key <= arr.length) { arr[key - 1] = value; return; }
    this.setHash(key, value);
  }

  private setHash(key: LuaValue, value: LuaValue): void {
    const n = this.findNode(key);
    if (n >= 0) { this.hvals[n] = value; return; }
    // A new key. Even `t[k] = nil` creates the node in 5.1 (luaH_set before
    // the store), which can trigger a rehash that changes the array size:
    // lua5.1: t={} t[1]=1 t[4]=1 t[2]=nil print(#t) --> 4
    this.newKey(key, value);
  }

  /** 5.1's main position of a key in a hash part of hashCap nodes. */
  private mainPosition(key: LuaValue): number {
    const size = this.hashCap;
    switch (typeof key) {
      case 'string':
        return stringHash(key) & (size - 1);
      case 'number': {
        if (key === 0) return 0; // -0 and 0
        f64[0] = key;
        return ((u32[0]! + u32[1]!) >>> 0) % ((size - 1) | 1);
      }
      case 'boolean':
        return (key ? 1 : 0) & (size - 1);
      default: {
        // hashpointer: a pseudo-address (as arbitrary as a real one).
        const id = (key as { id: number }).id;
        return ((id * 0x40 + 0xc0000000) >>> 0) % ((size - 1) | 1);
      }
    }
  }

  /** newkey (ltable.c), with the value stored at once. */
  private newKey(key: LuaValue, value: LuaValue): void {
    if (this.hashCap === 0) {
      if (this.arr.length === 0) {
        // The first key of an empty table: what rehash would decide for a
        // single key (computesizes puts only the key 1 in the array part),
        // without counting.
        if (key === 1) {
          // a nil slot then the store: `[value]` of a double would make a
          // double-elements array (another elements kind for every access
          // site, and V8 canonicalises NaNs stored there: lua5.1 keeps -nan)
          const arr = nils(1);
          arr[0] = value;
          this.arr = arr;
          return;
        }
        this.setNodeVector(1);
        this.hkeys[0] = key;
        this.hvals[0] = value;
        if (this.hmap !== undefined) this.hmap.set(key, 0);
        return;
      }
      this.rehash(key);
      this.set(key, value);
      return;
    }
    const keys = this.hkeys;
    const vals = this.hvals;
    const next = this.hnext;
    const m = this.hmap;
    let mp = this.mainPosition(key);
    if (vals[mp] !== undefined) {
      // Main position taken: find a free node.
      let n = -1;
      while (this.lastfree > 0) {
        this.lastfree--;
        if (keys[this.lastfree] === undefined) { n = this.lastfree; break; }
      }
      if (n < 0) {
        this.rehash(key);
        this.set(key, value);
        return;
      }
      let other = this.mainPosition(keys[mp]);
      if (other !== mp) {
        // The colliding node is out of its main position: move it to n.
        while (next[other] !== mp) other = next[other]!;
        next[other] = n;
        keys[n] = keys[mp];
        vals[n] = vals[mp];
        next[n] = next[mp]!;
        if (m !== undefined) m.set(keys[n], n);
        next[mp] = -1;
        vals[mp] = undefined;
        keys[mp] = undefined;
      } else {
        // The colliding node is in its own main position: chain n after it.
        next[n] = next[mp]!;
        next[mp] = n;
        mp = n;
      }
    }
    // mp may hold a key whose value is nil: 5.1 reuses the node (and its
    // chain link); the old key is gone.
    if (m !== undefined) {
      const old = keys[mp];
      if (old !== undefined) m.delete(old);
      m.set(key, mp);
    }
    keys[mp] = key;
    vals[mp] = value;
  }

  /** setnodevector: a fresh hash part for `size` keys (0 = the dummy node). */
  private setNodeVector(size: number): void {
    const cap = size > 0 ? ceilPow2(size) : 0;
    this.hashCap = cap;
    let keys = NO_VALUES;
    let vals = NO_VALUES;
    let next = NO_LINKS;
    if (cap > 0) {
      keys = nils(cap);
      vals = nils(cap);
      next = links(cap);
    }
    this.hkeys = keys;
    this.hvals = vals;
    this.hnext = next;
    this.lastfree = cap;
    this.hmap = cap > SMALL_HASH ? new Map() : undefined;
  }

  /** luaH_getn: a border of the table (PUC-Rio's rule, holes included). */
  length(): number {
    const arr = this.arr;
    let j = arr.length;
    if (j > 0 && arr[j - 1] === undefined) {
      let i = 0;
      while (j - i > 1) {
        const m = (i + j) >>> 1;
        if (arr[m - 1] === undefined) j = m;
        else i = m;
      }
      return i;
    }
    if (this.hashCap === 0) return j;
    return this.unboundSearch(j);
  }

  private unboundSearch(j: number): number {
    let i = j;
    j++;
    while (this.getInt(j) !== undefined) {
      i = j;
      j *= 2;
      if (j > 2147483647) {
        // 5.1: a table built to defeat the search: linear scan.
        i = 1;
        while (this.getInt(i) !== undefined) i++;
        return i - 1;
      }
    }
    while (j - i > 1) {
      const m = Math.floor((i + j) / 2);
      if (this.getInt(m) === undefined) j = m;
      else i = m;
    }
    return i;
  }

  /**
   * luaH_next: finds the entry after `key` (nil = the first): the array
   * part in order, then the nodes in order. Returns false at the end;
   * otherwise true with the entry in nextKey/nextValue. Throws
   * InvalidNextKey for a key that is not in the table.
   */
  next(key: LuaValue): boolean {
    const arr = this.arr;
    let i: number; // array index to start scanning from
    let node: number; // node to start scanning from
    if (key === undefined) { i = 0; node = 0; }
    else {
      i = -1;
      node = 0;
      if (typeof key === 'number') {
        const ai = key - 1;
        if (ai >= 0 && ai < arr.length && (ai | 0) === ai) i = ai + 1;
      }
      if (i < 0) {
        // A traversal passes back the key just returned: its node is the
        // hint when the hint still holds it (keys are unique among nodes,
        // so then findNode would answer the same), which saves the lookup.
        const hint = nextHint;
        const n = hint < this.hkeys.length && this.hkeys[hint] === key ? hint : this.findNode(key);
        if (n < 0) throw new InvalidNextKey();
        node = n + 1;
        i = arr.length;
      }
    }
    for (; i < arr.length; i++) {
      const v = arr[i];
      if (v !== undefined) { this.nextKey = i + 1; this.nextValue = v; return true; }
    }
    const hv = this.hvals;
    for (; node < hv.length; node++) {
      const v = hv[node];
      if (v !== undefined) { this.nextKey = this.hkeys[node]; this.nextValue = v; nextHint = node; return true; }
    }
    return false;
  }

  /** rehash: recompute both sizes (computesizes) for the live keys plus `extraKey`. */
  private rehash(extraKey: LuaValue): void {
    // nums[b]: number of integer keys k with 2^(b-1) < k <= 2^b.
    const nums = NUMS;
    nums.fill(0);
    let nasize = 0; // integer-key candidates
    let total = 0;
    const arr = this.arr;
    for (let k = 0; k < arr.length; k++) {
      if (arr[k] !== undefined) { nums[ceilLog2(k + 1)]!++; nasize++; total++; }
    }
    const hk = this.hkeys;
    const hv = this.hvals;
    for (let s = 0; s < hk.length; s++) {
      if (hv[s] === undefined) continue;
      total++;
      nasize += countInt(hk[s], nums);
    }
    total++;
    nasize += countInt(extraKey, nums);
    // computesizes
    let a = 0;
    let na = 0;
    let n = 0;
    for (let b = 0, twotoi = 1; twotoi / 2 < nasize; b++, twotoi *= 2) {
      const c = b <= MAXBITS ? nums[b]! : 0;
      if (c > 0) {
        a += c;
        if (a > twotoi / 2) { n = twotoi; na = a; }
      }
    }
    this.resize(n, total - na);
  }

  /**
   * luaH_resize: array part of nasize slots, hash part for nhash keys;
   * array slots past the new size, then the old nodes from last to first,
   * are re-inserted (which decides the new node order, as in 5.1).
   */
  resize(nasize: number, nhash: number): void {
    let arr = this.arr;
    const oldasize = arr.length;
    const oldKeys = this.hkeys;
    const oldVals = this.hvals;
    if (arr === NO_VALUES && nasize > 0) { arr = nils(nasize); this.arr = arr; }
    while (arr.length < nasize) arr.push(undefined);
    this.setNodeVector(nhash);
    if (nasize < oldasize) {
      const tail = arr.slice(nasize);
      arr.length = nasize;
      for (let i = 0; i < tail.length; i++) {
        const v = tail[i];
        if (v !== undefined) this.setInt(nasize + i + 1, v);
      }
    }
    // The old nodes' keys are distinct and absent from the new hash part,
    // which has room for all of them: straight to newKey (luaH_set would
    // find nothing).
    const na = arr.length;
    for (let i = oldKeys.length - 1; i >= 0; i--) {
      const v = oldVals[i];
      if (v === undefined) continue;
      const key = oldKeys[i];
      if (typeof key === 'number' && key >= 1 && key <= na && Math.floor(key) === key) arr[key - 1] = v;
      else this.newKey(key, v);
    }
  }

  /**
   * Gives this new, empty table the hash-part layout of `shape` (a table
   * with no array part): its node keys, chains and free pointer, copied
   * into `keys` and `next`, with `vals` as the values; all three are fresh
   * arrays of shape.hashCap elements from the caller (vals all nil), which
   * then stores values at the nodes of its keys (shape.findNode). The
   * layout of a table filled by string keys is a function of the order
   * they were inserted in, so a library that builds many tables from one
   * key sequence (cjson/cmsgpack decoding records) copies it instead of
   * replaying the rehashes: same nodes, same next(). The caller allocates
   * the arrays so that it can choose how (decoded data is long-lived).
   */
  copyLayout(shape: LuaTable, keys: LuaValue[], vals: LuaValue[], next: number[]): void {
    const cap = shape.hashCap;
    const sk = shape.hkeys;
    const sn = shape.hnext;
    for (let i = 0; i < cap; i++) {
      keys[i] = sk[i];
      next[i] = sn[i]!;
    }
    this.hashCap = cap;
    this.hkeys = keys;
    this.hvals = vals;
    this.hnext = next;
    this.lastfree = shape.lastfree;
    this.hmap = shape.hmap === undefined ? undefined : new Map(shape.hmap);
  }
}

/**
 * The node of the hash-part key LuaTable.next returned last (of whichever
 * table): next checks that the node still holds the key before using it.
 */
let nextHint = 0;

/** Thrown by LuaTable.next for a key absent from the table. */
export class InvalidNextKey {
  readonly message = "invalid key to 'next'";
}

function countInt(key: LuaValue, nums: Int32Array): number {
  if (typeof key === 'number' && key >= 1 && key <= MAXASIZE && Math.floor(key) === key) {
    nums[ceilLog2(key)]!++;
    return 1;
  }
  return 0;
}

/** ceil(log2(x)) for x >= 1. */
function ceilLog2(x: number): number {
  let b = 0;
  let p = 1;
  while (p < x) { p *= 2; b++; }
  return b;
}

function ceilPow2(x: number): number {
  let p = 1;
  while (p < x) p *= 2;
  return p;
}
