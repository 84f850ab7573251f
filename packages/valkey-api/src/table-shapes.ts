// Table shapes for the decoders (cjson objects, cmsgpack maps): a trie of
// string-key insertion sequences. A table filled with string keys (and
// non-nil values) in some order has a hash layout that is a function of
// that order alone, so after a sequence has been seen twice its layout is
// kept (a template table) and later tables copy it and store their values
// at the recorded nodes, instead of replaying 5.1's rehashes key by key.
// Same nodes, same chains, same free pointer: same next() order as
// lua_rawset one key at a time.
// Invariants: only string keys with non-nil values go through a shape;
// the trie is bounded (node count, key length, keys per table, children
// per node); past a bound the decoder builds the table key by key.

import { LuaTable, type LuaValue } from '@valua/vm';
import { nodeArray } from './tenured-arrays.js';

/** Keys longer than this are not kept in the trie (they are rarely repeated field names). */
const MAX_KEY_LENGTH = 40;
/** Tables with more keys than this are built key by key. */
const MAX_KEYS = 64;
/** Children matched in place in the text (nextKey tries each); more go to a Map. */
const SCANNED_CHILDREN = 8;
/** A node with this many different next keys takes no more (maps keyed by ids, not records). */
const MAX_CHILDREN = 128;
/** Trie nodes kept in all; past it the trie starts again empty. */
const MAX_NODES = 4096;

export class ShapeNode {
  /** The key this node adds (the root's is ''). */
  readonly key: string;
  readonly parent: ShapeNode | null;
  /** The key holds no '"' or '\': it can be matched in JSON text as it stands. */
  readonly plain: boolean;
  /** Number of keys from the root to here. */
  readonly depth: number;
  /** The first SCANNED_CHILDREN children. */
  readonly children: ShapeNode[];
  /** Further children, by key. */
  more: Map<string, ShapeNode> | undefined;
  /** children plus more. */
  childCount: number;
  /** Tables completed at this node so far (the layout is kept at the second). */
  completed: number;
  /** The layout of a table with this node's key sequence (values are `true`). */
  layout: LuaTable | undefined;
  /** layout.findNode of the i-th key of the sequence (a node's slot offset: its value is at +1). */
  slots: Int32Array | undefined;

  constructor(key: string, parent: ShapeNode | null) {
    this.key = key;
    this.parent = parent;
    this.plain = key.indexOf('"') < 0 && key.indexOf('\\') < 0;
    this.depth = parent === null ? 0 : parent.depth + 1;
    this.children = [];
    this.more = undefined;
    this.childCount = 0;
    this.completed = 0;
    this.layout = undefined;
    this.slots = undefined;
  }
}

let root = new ShapeNode('', null);
let nodeCount = 1;

/** The trie's root: where every table starts. */
export function shapeRoot(): ShapeNode {
  return root;
}

/** Empties the trie. Tables being built hold their nodes, which stay valid, only detached. */
export function resetShapes(): void {
  root = new ShapeNode('', null);
  nodeCount = 1;
}

/**
 * The node after `node` for `key`, added if new; null when a bound is
 * reached (the table is then built key by key).
 */
export function shapeChild(node: ShapeNode, key: string): ShapeNode | null {
  const ch = node.children;
  for (let i = 0; i < ch.length; i++) if (ch[i]!.key === key) return ch[i]!;
  if (node.more !== undefined) {
    const c = node.more.get(key);
    if (c !== undefined) return c;
  }
  if (node.childCount >= MAX_CHILDREN || node.depth >= MAX_KEYS || key.length > MAX_KEY_LENGTH) return null;
  // Start again when full (the shapes in use change over a long life).
  if (nodeCount >= MAX_NODES) resetShapes();
  const c = new ShapeNode(ownCopy(key), node);
  if (ch.length < SCANNED_CHILDREN) ch.push(c);
  else (node.more ??= new Map()).set(c.key, c);
  node.childCount++;
  nodeCount++;
  return c;
}

/**
 * A string with its own storage: a key sliced from a decoded document may
 * share the document's memory, which the trie would then keep alive.
 */
function ownCopy(s: string): string {
  const codes: number[] = [];
  for (let i = 0; i < s.length; i++) codes.push(s.charCodeAt(i));
  return String.fromCharCode.apply(null, codes);
}

/**
 * The table holding the pairs kv[from], kv[from+1], ... (key, value,
 * alternating, keys strings, values not nil) up to kv[to], as setStr in
 * that order builds it. `node` is the trie node reached by those keys, or
 * null.
 */
export function shapedTable(node: ShapeNode | null, kv: readonly LuaValue[], from: number, to: number): LuaTable {
  const t = new LuaTable();
  if (node !== null) {
    const layout = node.layout;
    if (layout !== undefined) {
      t.copyLayout(layout, nodeArray(layout.hashCap));
      const h = t.node;
      const slots = node.slots!;
      for (let i = from, j = 0; i < to; i += 2, j++) h[slots[j]! + 1] = kv[i + 1];
      return t;
    }
    if (++node.completed >= 2) keepLayout(node);
  }
  for (let i = from; i < to; i += 2) t.setStr(kv[i] as string, kv[i + 1]);
  return t;
}

/** Records the layout of `node`'s key sequence (the trie's own copies of the keys). */
function keepLayout(node: ShapeNode): void {
  const keys: string[] = [];
  for (let n: ShapeNode = node; n.parent !== null; n = n.parent) keys.push(n.key);
  keys.reverse();
  const layout = new LuaTable();
  for (let i = 0; i < keys.length; i++) layout.setStr(keys[i]!, true);
  const slots = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) slots[i] = layout.findNode(keys[i]);
  node.layout = layout;
  node.slots = slots;
}
