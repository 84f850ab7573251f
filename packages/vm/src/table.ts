// LuaTable: an array part plus a hash part laid out exactly as PUC-Rio
// 5.1's ltable.c lays out its nodes, so that `#t` (luaH_getn's border rule)
// and the traversal order of next/pairs are lua5.1's for string, number and
// boolean keys (object keys hash by a pseudo-address, as arbitrary as real
// addresses).
//
// Array part: `arr[i-1]` holds t[i] for 1 <= i <= arr.length (5.1's
// "sizearray"); slots may hold nil. Hash part: `hashCap` nodes (0 = 5.1's
// dummy node, else a power of two) in ONE array `node`, three slots per
// node: key, value, next (node i starts at slot 3*i; every node reference,
// in chains, hmap, lastfree and findNode's answer, is that slot offset).
// A free node has key undefined; a node whose value is nil keeps its key,
// as a 5.1 node does. New keys go to their main position with 5.1's
// collision rule (the colliding node moves if it is not in its own main
// position; free nodes are taken from 5.1's `lastfree` downwards); when
// none is free the table is rehashed with computesizes and the nodes are
// re-inserted from the last to the first, as luaH_resize does. Lookups go
// through `hmap` (key -> node; small hash parts are scanned instead)
// rather than by walking chains: same answers, one Map probe. Keys:
// numbers unify 1 and 1.0, and both Map and === fold -0 into 0; NaN and
// nil are rejected by the setters' callers (see ops.ts checkKey).
//
// Why one array: every JS array is a header plus a backing store, so three
// parallel arrays cost two more of each per table with a hash part; a
// decoded JSON record (a few string keys) was mostly array headers.

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
const NO_NODES: LuaValue[] = [];

/**
 * The hmap key of a big hash part's lastfree: no Lua value is this object.
 * (A LuaTable would take an object id; the cast only widens the type.)
 */
const LASTFREE = Object.freeze({}) as unknown as LuaValue;

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
 * slices). Templates are never mutated. A node template of n nodes is n
 * times (undefined, undefined, -1): a generic-elements array, so values
 * stored in it (doubles, NaNs with their sign) are kept as they are.
 */
const NIL_TEMPLATES: LuaValue[][] = [];
const NODE_TEMPLATES: LuaValue[][] = [];
/** Array parts up to this size are sliced from a template (growth by rehash reaches 16, 32, 64). */
const NIL_TEMPLATE_MAX = 64;
{
  for (let n = 0; n <= NIL_TEMPLATE_MAX; n++) {
    const a: LuaValue[] = [];
    for (let i = 0; i < n; i++) a.push(undefined);
    NIL_TEMPLATES.push(a.slice());
  }
  for (let n = 0; n <= 8; n++) {
    const h: LuaValue[] = [];
    for (let i = 0; i < n; i++) h.push(undefined, undefined, -1);
    NODE_TEMPLATES.push(h.slice());
  }
}

/** n nils, exactly sized. */
function nils(n: number): LuaValue[] {
  return n <= NIL_TEMPLATE_MAX ? NIL_TEMPLATES[n]!.slice() : repeated(NIL_TEMPLATES[NIL_TEMPLATE_MAX]!, n);
}

/** n free nodes (key nil, value nil, next -1 = end of chain), exactly sized. */
function freeNodes(n: number): LuaValue[] {
  return n <= 8 ? NODE_TEMPLATES[n]!.slice() : repeated(NODE_TEMPLATES[8]!, n * 3);
}

/**
 * A fresh array of `len` (> unit.length) elements repeating `unit`, a
 * template of nils, or of nodes when len is a multiple of its length (so
 * every piece ends on a node boundary). Built by concat, which sizes its
 * result exactly: growing by push reserves about half as much again plus
 * 16 slots (a 2-element array grown by push took 197 bytes, a sliced one
 * 63).
 */
function repeated(unit: LuaValue[], len: number): LuaValue[] {
  let a = unit;
  while (a.length * 2 <= len) a = a.concat(a);
  return a.length < len ? a.concat(a.slice(0, len - a.length)) : a;
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

/**
 * Bumped by every change that can alter where a lookup through metatable
 * __index tables ends: a key gaining a value (a new key, or nil -> value in
 * an existing node), any write to an `__index` field, a rehash (nodes move;
 * always under newKey), a table's metatable set (setMetatable). The
 * lookup cache (index-cache.ts) is valid while it is unchanged; a
 * collection, which can empty weak tables, drops the cache instead.
 */
export let shapeEpoch = 0;

/**
 * The entry the last successful `LuaTable.next()` found. One pair serves
 * every table (callers read it before the next traversal step), which
 * saves two fields in each table.
 */
export const nextEntry: { key: LuaValue; value: LuaValue } = { key: undefined, value: undefined };

export class LuaTable {
  arr: LuaValue[];
  /**
   * Big hash parts only (over SMALL_HASH nodes): key -> node (slot offset)
   * for every node holding a key, and LASTFREE -> 5.1's lastfree (the slot
   * offset free nodes are searched below; see newKey for small parts).
   */
  hmap: Map<LuaValue, number> | undefined;
  /**
   * The hash part: node[p] key (undefined = free node), node[p+1] value
   * (undefined = nil), node[p+2] the next node of the chain (-1 = end), for
   * p = 3*i. Its length is 3 * hashCap.
   */
  node: LuaValue[];
  /** Set through setMetatable only (it bumps shapeEpoch). */
  readonly metatable: LuaTable | undefined;
  readonly id: number;

  /** narr/nhash: preallocation, as NEWTABLE's B and C (luaH_new). */
  constructor(narr = 0, nhash = 0) {
    this.arr = narr > 0 ? nils(narr) : NO_VALUES;
    this.hmap = undefined;
    this.node = NO_NODES;
    this.metatable = undefined;
    this.id = newObjectId();
    if (nhash > 0) this.setNodeVector(nhash);
  }

  /** Sets the metatable (every write goes through here: see shapeEpoch). */
  setMetatable(mt: LuaTable | undefined): void {
    (this as { metatable: LuaTable | undefined }).metatable = mt;
    shapeEpoch++;
  }

  /** 5.1's sizenode: 0 (the dummy node) or a power of two. */
  get hashCap(): number {
    return this.node.length / 3;
  }

  /** Raw get (no metamethods). */
  get(key: LuaValue): LuaValue {
    if (typeof key === 'number') {
      const arr = this.arr;
      const i = key - 1;
      if (i >= 0 && i < arr.length && (i | 0) === i) return arr[i];
    }
    const p = this.findNode(key);
    return p < 0 ? undefined : this.node[p + 1];
  }

  /** Raw get with a string key (the GETGLOBAL / field fast path). */
  getStr(key: string): LuaValue {
    const m = this.hmap;
    const node = this.node;
    if (m !== undefined) {
      const p = m.get(key);
      return p === undefined ? undefined : node[p + 1];
    }
    for (let p = 0; p < node.length; p += 3) if (node[p] === key) return node[p + 1];
    return undefined;
  }

  /**
   * The node (slot offset) holding `key`, or -1: through hmap for big hash
   * parts, by a scan of the (at most SMALL_HASH) keys for small ones, which
   * saves a Map per small table.
   */
  findNode(key: LuaValue): number {
    const m = this.hmap;
    if (m !== undefined) {
      const p = m.get(key);
      return p === undefined ? -1 : p;
    }
    if (key === undefined) return -1;
    const node = this.node;
    for (let p = 0; p < node.length; p += 3) if (node[p] === key) return p;
    return -1;
  }

  /** Raw get with an integer key. */
  getInt(key: number): LuaValue {
    const arr = this.arr;
    if (key >= 1 && key <= arr.length) return arr[key - 1];
    const p = this.findNode(key);
    return p < 0 ? undefined : this.node[p + 1];
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
    const p = this.findNode(key);
    if (p >= 0) {
      const node = this.node;
      if (node[p + 1] === undefined || key === '__index') shapeEpoch++;
      node[p + 1] = value;
      return;
    }
    // A new key. Even `t[k] = nil` creates the node in 5.1 (luaH_set before
    // the store), which can trigger a rehash that changes the array size:
    // lua5.1: t={} t[1]=1 t[4]=1 t[2]=nil print(#t) --> 4
    this.newKey(key, value);
  }

  /** 5.1's main position (slot offset) of a key in a hash part of `size` nodes. */
  private mainPosition(key: LuaValue, size: number): number {
    switch (typeof key) {
      case 'string':
        return (stringHash(key) & (size - 1)) * 3;
      case 'number': {
        if (key === 0) return 0; // -0 and 0
        f64[0] = key;
        return (((u32[0]! + u32[1]!) >>> 0) % ((size - 1) | 1)) * 3;
      }
      case 'boolean':
        return ((key ? 1 : 0) & (size - 1)) * 3;
      default: {
        // hashpointer: a pseudo-address (as arbitrary as a real one).
        const id = (key as { id: number }).id;
        return (((id * 0x40 + 0xc0000000) >>> 0) % ((size - 1) | 1)) * 3;
      }
    }
  }

  /** newkey (ltable.c), with the value stored at once. */
  private newKey(key: LuaValue, value: LuaValue): void {
    shapeEpoch++;
    const node = this.node;
    if (node.length === 0) {
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
        const h = this.node;
        h[0] = key;
        h[1] = value;
        return;
      }
      this.rehash(key);
      this.set(key, value);
      return;
    }
    const m = this.hmap;
    const size = node.length / 3;
    let mp = this.mainPosition(key, size);
    if (node[mp + 1] !== undefined) {
      // Main position taken: find a free node.
      let n = -1;
      if (m === undefined) {
        // Small part: no lastfree kept. A node never becomes free again
        // (a reused or moved node is refilled at once; weak tables leave
        // DEAD_KEY), so every node at or above 5.1's lastfree is taken, and
        // its search finds the highest free node: so does this scan.
        for (let p = node.length - 3; p >= 0; p -= 3) if (node[p] === undefined) { n = p; break; }
      } else {
        let lf = m.get(LASTFREE)!;
        while (lf > 0) {
          lf -= 3;
          if (node[lf] === undefined) { n = lf; break; }
        }
        m.set(LASTFREE, lf);
      }
      if (n < 0) {
        this.rehash(key);
        this.set(key, value);
        return;
      }
      let other = this.mainPosition(node[mp], size);
      if (other !== mp) {
        // The colliding node is out of its main position: move it to n.
        while (node[other + 2] !== mp) other = node[other + 2] as number;
        node[other + 2] = n;
        node[n] = node[mp];
        node[n + 1] = node[mp + 1];
        node[n + 2] = node[mp + 2];
        if (m !== undefined) m.set(node[n], n);
        node[mp + 2] = -1;
        node[mp + 1] = undefined;
        node[mp] = undefined;
      } else {
        // The colliding node is in its own main position: chain n after it.
        node[n + 2] = node[mp + 2];
        node[mp + 2] = n;
        mp = n;
      }
    }
    // mp may hold a key whose value is nil: 5.1 reuses the node (and its
    // chain link); the old key is gone.
    if (m !== undefined) {
      const old = node[mp];
      if (old !== undefined) m.delete(old);
      m.set(key, mp);
    }
    node[mp] = key;
    node[mp + 1] = value;
  }

  /** setnodevector: a fresh hash part for `size` keys (0 = the dummy node). */
  private setNodeVector(size: number): void {
    const cap = size > 0 ? ceilPow2(size) : 0;
    this.node = cap > 0 ? freeNodes(cap) : NO_NODES;
    let m: Map<LuaValue, number> | undefined;
    if (cap > SMALL_HASH) {
      m = new Map();
      m.set(LASTFREE, cap * 3);
    }
    this.hmap = m;
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
    if (this.node.length === 0) return j;
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
   * otherwise true with the entry in `nextEntry`. Throws
   * InvalidNextKey for a key that is not in the table.
   */
  next(key: LuaValue): boolean {
    const arr = this.arr;
    const node = this.node;
    let i: number; // array index to start scanning from
    let p: number; // node (slot offset) to start scanning from
    if (key === undefined) { i = 0; p = 0; }
    else {
      i = -1;
      p = 0;
      if (typeof key === 'number') {
        const ai = key - 1;
        if (ai >= 0 && ai < arr.length && (ai | 0) === ai) i = ai + 1;
      }
      if (i < 0) {
        // A traversal passes back the key just returned: its node is the
        // hint when the hint still holds it (keys are unique among nodes,
        // so then findNode would answer the same), which saves the lookup.
        const hint = nextHint;
        const n = hint < node.length && node[hint] === key ? hint : this.findNode(key);
        if (n < 0) throw new InvalidNextKey();
        p = n + 3;
        i = arr.length;
      }
    }
    for (; i < arr.length; i++) {
      const v = arr[i];
      if (v !== undefined) { nextEntry.key = i + 1; nextEntry.value = v; return true; }
    }
    for (; p < node.length; p += 3) {
      const v = node[p + 1];
      if (v !== undefined) { nextEntry.key = node[p]; nextEntry.value = v; nextHint = p; return true; }
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
    const node = this.node;
    for (let p = 0; p < node.length; p += 3) {
      if (node[p + 1] === undefined) continue;
      total++;
      nasize += countInt(node[p], nums);
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
    const old = this.node;
    if (nasize > oldasize) {
      // A new array rather than pushes, for the exact size (see repeated);
      // copied by a loop: concat was slower (binary-trees grows every
      // `{ f(), f() }` from 1 to 2 slots at SETLIST).
      const a = nils(nasize);
      for (let i = 0; i < oldasize; i++) a[i] = arr[i];
      this.arr = arr = a;
    }
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
    for (let p = old.length - 3; p >= 0; p -= 3) {
      const v = old[p + 1];
      if (v === undefined) continue;
      const key = old[p];
      if (typeof key === 'number' && key >= 1 && key <= na && Math.floor(key) === key) arr[key - 1] = v;
      else this.newKey(key, v);
    }
  }

  /**
   * Gives this new, empty table the hash-part layout of `shape` (a table
   * with no array part): its node keys, chains and free pointer, copied
   * into `node`, a fresh array of 3 * shape.hashCap free nodes from the
   * caller (all nil, links -1), and its lastfree (kept in hmap, else implied
 * by the nodes); the caller then stores values at the nodes
   * of its keys (node[shape.findNode(k) + 1]). The layout of a table
   * filled by string keys is a function of the order they were inserted
   * in, so a library that builds many tables from one key sequence
   * (cjson/cmsgpack decoding records) copies it instead of replaying the
   * rehashes: same nodes, same next(). The caller allocates the array so
   * that it can choose how (decoded data is long-lived).
   */
  copyLayout(shape: LuaTable, node: LuaValue[]): void {
    const sn = shape.node;
    for (let p = 0; p < sn.length; p += 3) {
      node[p] = sn[p];
      node[p + 2] = sn[p + 2];
    }
    this.node = node;
    this.hmap = shape.hmap === undefined ? undefined : new Map(shape.hmap);
  }
}

/**
 * The node (slot offset) of the hash-part key LuaTable.next returned last
 * (of whichever table): next checks that the node still holds the key before using it.
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
