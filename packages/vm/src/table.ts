// LuaTable: an array part plus a hash part, sized like PUC-Rio 5.1's ltable.c
// so that `#t` (luaH_getn's border rule) gives lua5.1's answers, holes
// included.
//
// Array part: `arr[i-1]` holds t[i] for 1 <= i <= arr.length (the 5.1
// "sizearray"); slots may hold nil. Hash part: parallel `hkeys`/`hvals`
// slot arrays plus `hmap` from key to slot. Setting an existing key to nil
// leaves the slot in place (a dead slot, as a 5.1 node keeps its key), so
// `next` keeps working while fields are cleared during a traversal. A new
// key that finds the hash part full (slots === hashCap, hashCap a power of
// two as 5.1's sizenode) triggers a rehash that recomputes both sizes with
// 5.1's computesizes rule and drops dead slots.
// Keys: numbers unify 1 and 1.0 and Map folds -0 into 0; NaN and nil are
// rejected by the setters' callers (see `checkedSet`).
// The hash part is allocated lazily: a table with only an array part has
// hmap === undefined.

import type { LuaValue } from './value.js';
import { newObjectId } from './value.js';

const MAXBITS = 26;
const MAXASIZE = 1 << MAXBITS;

/** Outcome of `next`: key and value written to these two fields. */
export class LuaTable {
  arr: LuaValue[];
  hmap: Map<LuaValue, number> | undefined;
  hkeys: LuaValue[];
  hvals: LuaValue[];
  /** 5.1's sizenode: 0 or a power of two; a new key beyond it rehashes. */
  hashCap: number;
  metatable: LuaTable | undefined;
  readonly id: number;
  /** Written by `next()`: the key and value found. */
  nextKey: LuaValue;
  nextValue: LuaValue;

  /** narr/nhash: preallocation hints, as NEWTABLE's B and C. */
  constructor(narr = 0, nhash = 0) {
    const arr: LuaValue[] = [];
    for (let i = 0; i < narr; i++) arr.push(undefined);
    this.arr = arr;
    this.hmap = undefined;
    this.hkeys = [];
    this.hvals = [];
    this.hashCap = nhash > 0 ? ceilPow2(nhash) : 0;
    this.metatable = undefined;
    this.id = newObjectId();
    this.nextKey = undefined;
    this.nextValue = undefined;
  }

  /** Raw get (no metamethods). */
  get(key: LuaValue): LuaValue {
    if (typeof key === 'number') {
      const arr = this.arr;
      // (key - 1) >>> 0 is below arr.length only for integral 1..length.
      const i = key - 1;
      if (i >= 0 && i < arr.length && (i | 0) === i) return arr[i];
    }
    const m = this.hmap;
    if (m === undefined) return undefined;
    const slot = m.get(key);
    return slot === undefined ? undefined : this.hvals[slot];
  }

  /** Raw get with a string key (the GETGLOBAL / field fast path). */
  getStr(key: string): LuaValue {
    const m = this.hmap;
    if (m === undefined) return undefined;
    const slot = m.get(key);
    return slot === undefined ? undefined : this.hvals[slot];
  }

  /** Raw get with an integer key. */
  getInt(key: number): LuaValue {
    const arr = this.arr;
    if (key >= 1 && key <= arr.length) return arr[key - 1];
    const m = this.hmap;
    if (m === undefined) return undefined;
    const slot = m.get(key);
    return slot === undefined ? undefined : this.hvals[slot];
  }

  /**
   * Raw set. The key must not be nil or NaN (callers raise "table index is
   * nil" / "table index is NaN" first; see `checkKey`).
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
    let m = this.hmap;
    if (m !== undefined) {
      const slot = m.get(key);
      if (slot !== undefined) { this.hvals[slot] = value; return; }
    }
    // A new key. Even `t[k] = nil` creates the node in 5.1 (luaH_set before
    // the store), which can trigger a rehash that changes the array size:
    // lua5.1: t={} t[1]=1 t[4]=1 t[2]=nil print(#t) --> 4
    if (this.hkeys.length >= this.hashCap) {
      this.rehash(key);
      // The key may now belong to the array part.
      if (typeof key === 'number') {
        const i = key - 1;
        if (i >= 0 && i < this.arr.length && (i | 0) === i) { this.arr[i] = value; return; }
      }
      m = this.hmap;
    }
    if (m === undefined) { m = new Map(); this.hmap = m; }
    m.set(key, this.hkeys.length);
    this.hkeys.push(key);
    this.hvals.push(value);
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
    if (this.hashCap === 0 || this.hmap === undefined) return j;
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
   * Iteration step: finds the entry after `key` (nil = the first). Returns
   * false at the end; otherwise true with the entry in nextKey/nextValue.
   * Throws the string "invalid key to 'next'" (wrapped by the caller) for a
   * key that is not in the table. O(1) per step, amortized over dead slots.
   */
  next(key: LuaValue): boolean {
    const arr = this.arr;
    let i: number; // array index to start scanning from
    let slot: number; // hash slot to start scanning from
    if (key === undefined) { i = 0; slot = 0; }
    else {
      i = -1;
      slot = -1;
      if (typeof key === 'number') {
        const ai = key - 1;
        if (ai >= 0 && ai < arr.length && (ai | 0) === ai) i = ai + 1;
      }
      if (i < 0) {
        const s = this.hmap === undefined ? undefined : this.hmap.get(key);
        if (s === undefined) throw new InvalidNextKey();
        slot = s + 1;
        i = arr.length;
      } else slot = 0;
    }
    for (; i < arr.length; i++) {
      const v = arr[i];
      if (v !== undefined) { this.nextKey = i + 1; this.nextValue = v; return true; }
    }
    const hv = this.hvals;
    for (; slot < hv.length; slot++) {
      const v = hv[slot];
      if (v !== undefined) { this.nextKey = this.hkeys[slot]; this.nextValue = v; return true; }
    }
    return false;
  }

  /** 5.1's rehash: recompute the array size, move keys, drop dead slots. */
  private rehash(extraKey: LuaValue): void {
    // nums[b]: number of integer keys k with 2^(b-1) < k <= 2^b.
    const nums = new Array<number>(MAXBITS + 1).fill(0);
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
      const c = nums[b] ?? 0;
      if (c > 0) {
        a += c;
        if (a > twotoi / 2) { n = twotoi; na = a; }
      }
    }
    this.resize(n, total - na);
  }

  /** luaH_resize: array part of nasize slots, hash part for nhash keys. */
  resize(nasize: number, nhash: number): void {
    const oldArr = this.arr;
    const oldKeys = this.hkeys;
    const oldVals = this.hvals;
    const newArr: LuaValue[] = [];
    for (let k = 0; k < nasize; k++) newArr.push(k < oldArr.length ? oldArr[k] : undefined);
    this.arr = newArr;
    this.hashCap = nhash > 0 ? ceilPow2(nhash) : 0;
    this.hmap = undefined;
    this.hkeys = [];
    this.hvals = [];
    const m = new Map<LuaValue, number>();
    // Array slots beyond the new size move to the hash part.
    for (let k = nasize; k < oldArr.length; k++) {
      const v = oldArr[k];
      if (v !== undefined) { m.set(k + 1, this.hkeys.length); this.hkeys.push(k + 1); this.hvals.push(v); }
    }
    for (let s = 0; s < oldKeys.length; s++) {
      const v = oldVals[s];
      if (v === undefined) continue;
      const key = oldKeys[s];
      if (typeof key === 'number') {
        const i = key - 1;
        if (i >= 0 && i < nasize && (i | 0) === i) { newArr[i] = v; continue; }
      }
      m.set(key, this.hkeys.length);
      this.hkeys.push(key);
      this.hvals.push(v);
    }
    if (this.hkeys.length > 0 || this.hashCap > 0) this.hmap = m;
  }
}

/** Thrown by LuaTable.next for a key absent from the table. */
export class InvalidNextKey {
  readonly message = "invalid key to 'next'";
}

function countInt(key: LuaValue, nums: number[]): number {
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
