// Weak tables (__mode "k", "v", "kv") and the collection collectgarbage
// asks for, over the JS engine's collector.
//
// No weak reference is held while scripts run: weak tables are ordinary
// LuaTables (no cost on any table access). A table becomes known here when
// setmetatable gives it a metatable with a __mode field (5.1's manual: the
// mode must not change after the metatable is in use). A collection
// (collectGarbage) then, for every known weak table alive:
//   1. takes the strong references out of the table: each collectable key
//      (weak keys) or value (weak values) is replaced by a WeakRef kept
//      aside, as are keys of nil-valued nodes (5.1 marks no dead key);
//   2. drops the stack slots above each known thread's top and the call
//      frames above its running one (5.1's GC clears them: dead registers
//      never keep anything alive), then runs the JS collector;
//   3. puts back what survived; an entry whose weak key or value was
//      collected is cleared as cleartable does (value nil, a collected key
//      becomes DEAD_KEY: the node stays in its chain, never matches a key).
// Strings, numbers and booleans are values, never weak (5.1's iscleared).
// Like 5.1 (no ephemerons), a value refering to its own weak key keeps it.
//
// V8 keeps every WeakRef target alive until the current job ends (it is
// added to the "kept objects" on creation and on deref), and a script
// runs in one synchronous job. Node clears the kept objects at every
// microtask checkpoint, including the one vm.Script#runInContext performs
// for a context created with microtaskMode 'afterEvaluate': that
// checkpoint, run synchronously just before the collector, is what makes
// step 1's WeakRefs collectable. Node is reached through
// process.getBuiltinModule (no import: this package runs without Node too).
// The collector is globalThis.gc (node --expose-gc, as bin/valua starts),
// else one obtained by setting V8's --expose-gc flag at run time. Without
// both (a browser), collectGarbage does nothing: weak tables keep their
// entries, as if the collector never ran.

import { LuaTable, nextEntry } from './table.js';
import { clearChainCaches } from './index-cache.js';
import type { LuaValue } from './value.js';
import type { LuaState } from './state.js';
import { MASK_GC } from './hooks.js';

/** What the host gives: a full collection and the kept-objects reset. */
interface GcHost {
  gc: () => void;
  clearKeptObjects: () => void;
}

/** undefined: not probed yet; null: no collector available. */
let host: GcHost | null | undefined;

interface NodeVm {
  createContext(o: object, opts: { microtaskMode: 'afterEvaluate' }): object;
  Script: new (src: string) => { runInContext(ctx: object): unknown };
  runInNewContext(src: string): unknown;
}

function probeHost(): GcHost | null {
  const g = globalThis as { gc?: unknown; process?: { getBuiltinModule?: (id: string) => unknown } };
  const getBuiltin = g.process?.getBuiltinModule;
  let gc = typeof g.gc === 'function' ? (g.gc as () => void) : undefined;
  if (typeof getBuiltin !== 'function') return null; // no Node: WeakRefs could not be released in time
  try {
    const vm = getBuiltin('node:vm') as NodeVm;
    if (gc === undefined) {
      (getBuiltin('node:v8') as { setFlagsFromString(f: string): void }).setFlagsFromString('--expose-gc');
      const f = vm.runInNewContext('gc');
      if (typeof f === 'function') gc = f as () => void;
    }
    if (gc === undefined) return null;
    const ctx = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
    const script = new vm.Script('0');
    return { gc, clearKeptObjects: () => { script.runInContext(ctx); } };
  } catch {
    return null;
  }
}

/** Whether collectgarbage("collect") really collects (and clears weak entries) here. */
export function canCollect(): boolean {
  if (host === undefined) host = probeHost();
  return host !== null;
}

/** Known weak tables (weakly held), and the set that keeps the list free of repeats. */
let weakTables: WeakRef<LuaTable>[] = [];
const known = new WeakSet<LuaTable>();

/** The node key of an entry whose key was collected (5.1's LUA_TDEADKEY). */
const DEAD_KEY: LuaValue = new LuaTable();

/**
 * Called by setmetatable (base and debug): a table given a metatable with
 * a __mode field is remembered for collections.
 */
export function noteMetatable(t: LuaTable, mt: LuaTable | undefined): void {
  if (mt === undefined || known.has(t) || mt.getStr('__mode') === undefined) return;
  known.add(t);
  weakTables.push(new WeakRef(t));
}

/** 5.1's weakkey/weakvalue bits of a table's __mode string (0 = not weak). */
function modeOf(t: LuaTable): number {
  const mode = t.metatable?.getStr('__mode');
  if (typeof mode !== 'string') return 0;
  return (mode.indexOf('k') >= 0 ? 1 : 0) | (mode.indexOf('v') >= 0 ? 2 : 0);
}

function collectable(v: LuaValue): v is LuaValue & object {
  return typeof v === 'object';
}

/** One weakened slot: node (slot offset into t.node) or -1 - array index, and what was taken out. */
interface Weakened {
  t: LuaTable;
  slot: number;
  key: WeakRef<object> | undefined;
  value: WeakRef<object> | undefined;
}

/** Step 1 for one table: its weak references out into `out`. */
function weaken(t: LuaTable, mode: number, out: Weakened[]): void {
  const weakKeys = (mode & 1) !== 0;
  const weakValues = (mode & 2) !== 0;
  if (weakValues) {
    const arr = t.arr;
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      if (collectable(v)) {
        out.push({ t, slot: -1 - i, key: undefined, value: new WeakRef(v) });
        arr[i] = undefined;
      }
    }
  }
  const node = t.node;
  for (let n = 0; n < node.length; n += 3) {
    const k = node[n];
    if (k === undefined || k === DEAD_KEY) continue;
    const v = node[n + 1];
    const wk = collectable(k) && (weakKeys || v === undefined);
    const wv = weakValues && collectable(v);
    if (!wk && !wv) continue;
    out.push({ t, slot: n, key: wk ? new WeakRef(k) : undefined, value: wv ? new WeakRef(v) : undefined });
    if (wk) {
      t.hmap?.delete(k);
      node[n] = DEAD_KEY;
    }
    if (wv) node[n + 1] = undefined;
  }
}

/** Step 3 for one slot: back in place, or cleared if its weak part is gone. */
function restore(w: Weakened): void {
  const t = w.t;
  if (w.slot < 0) {
    t.arr[-1 - w.slot] = w.value!.deref() as LuaValue;
    return;
  }
  const n = w.slot;
  const node = t.node;
  // WeakRefs hold what was a LuaValue.
  const k = (w.key !== undefined ? w.key.deref() : node[n]) as LuaValue;
  const v = (w.value !== undefined ? w.value.deref() : node[n + 1]) as LuaValue;
  if (w.key !== undefined && k === undefined) {
    // cleartable + removeentry: the key is gone, the node stays in its chain.
    node[n] = DEAD_KEY;
    node[n + 1] = undefined;
    return;
  }
  node[n] = k;
  if (w.key !== undefined) t.hmap?.set(k, n);
  node[n + 1] = w.value !== undefined && v === undefined ? undefined : v;
}

/** 5.1's GC clears what lies above a thread's top: dead registers and frames keep nothing alive. */
function clearDeadSlots(L: LuaState): void {
  const stack = L.stack;
  for (let i = L.top; i < stack.length; i++) stack[i] = undefined;
  const frames = L.frames;
  for (let i = L.ci + 1; i < frames.length; i++) {
    const f = frames[i]!;
    f.closure = undefined;
    f.host = undefined;
  }
}

/**
 * collectgarbage("collect") from the running host function: when Lua code
 * called it, the collection is left for the next instruction of that
 * code's thread (hooks.ts MASK_GC), where the dispatch loop returns and
 * its caller runs collectPending, so the loop's locals (the key just
 * stored by `t[{}] = 1`, say) keep nothing alive. Otherwise at once.
 */
export function requestCollection(L: LuaState): void {
  if (!canCollect()) return;
  const caller = L.frames[L.ci - 1];
  if (L.ci > 0 && caller !== undefined && caller.closure !== undefined) {
    // What lies above the call's one result is dead then, as above the
    // C function's top when 5.1 collects (the loop's registers past it).
    const f = L.frames[L.ci]!;
    deadFrom.set(L, f.func + 1);
    L.hookMask |= MASK_GC;
  } else collectGarbage(L);
}

/** Per thread with a pending collection: the first stack slot known dead. */
const deadFrom = new WeakMap<LuaState, number>();

/** Runs the collection a dispatch loop left for (see requestCollection). */
export function collectPending(L: LuaState): void {
  L.hookMask &= ~MASK_GC;
  const from = deadFrom.get(L);
  deadFrom.delete(L);
  if (from !== undefined && from < L.top) {
    const stack = L.stack;
    for (let i = from; i < L.top; i++) stack[i] = undefined;
  }
  collectGarbage(L);
}

/**
 * A full collection (collectgarbage("collect")): runs the JS collector with
 * the weak tables' weak parts released, then clears the entries whose weak
 * keys or values were collected. `L` is the running thread. Returns false
 * when no collector is available (nothing happened).
 */
export function collectGarbage(L: LuaState): boolean {
  if (!canCollect()) return false;
  const h = host!;
  const taken: Weakened[] = [];
  const alive: WeakRef<LuaTable>[] = [];
  for (let i = 0; i < weakTables.length; i++) {
    const t = weakTables[i]!.deref();
    if (t === undefined) continue;
    alive.push(weakTables[i]!);
    const mode = modeOf(t);
    if (mode !== 0) weaken(t, mode, taken);
  }
  weakTables = alive;
  try {
    clearDeadSlots(L);
    clearChainCaches(); // its entries hold tables strongly
    // the last traversal step's entry is no reference Lua code holds
    nextEntry.key = undefined;
    nextEntry.value = undefined;
    if (L.g.mainThread !== L) clearDeadSlots(L.g.mainThread);
    h.clearKeptObjects();
    h.gc();
  } finally {
    for (let i = 0; i < taken.length; i++) restore(taken[i]!);
  }
  return true;
}
