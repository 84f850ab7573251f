// Lua value -> client reply (spec §6.3): the conversion of a script's first
// return value, for a given script RESP mode (server.setresp) and client
// protocol. Fields are read raw; metatables are ignored.
// Iterative (explicit frames): nesting ends where the server's Lua stack
// check ends it (§6.3.6: "ERR reached lua stack limit" in place of the
// element), never in a JS stack overflow, and cycles terminate the same way.

import { LuaTable, type LuaValue } from '@valua/vm';
import type { RespValue } from './resp.js';
import { RESP_NULL } from './resp.js';
import { formatDoubleReply } from './resp.js';

export interface ReplyOptions {
  /** The script's RESP mode (server.setresp), 2 by default. */
  readonly scriptResp: 2 | 3;
  /** The client's protocol (HELLO), 2 by default. */
  readonly clientResp: 2 | 3;
}

const DEFAULTS: ReplyOptions = { scriptResp: 2, clientResp: 2 };

/** LUAI_MAXCSTACK: luaReplyToRedisReply's lua_checkstack(lua, 4) fails past it. */
const MAX_C_STACK = 8000;
/** Stack slot of the returned value itself (valkey-8.0.1: 7995 nested arrays fit). */
const TOP_SLOT = 2;

const STACK_LIMIT: RespValue = { type: 'error', value: 'ERR reached lua stack limit' };

/** C's (long long) cast of a double on x86-64. */
function toInt64(x: number): number {
  if (x >= -9223372036854775808 && x < 9223372036854775808) return Math.trunc(x) + 0;
  return -9223372036854775808;
}

/** A C string from a Lua string: cut at the first NUL. */
function cString(s: string): string {
  const z = s.indexOf('\0');
  return z < 0 ? s : s.slice(0, z);
}

function mapCrLf(s: string): string {
  return s.replace(/[\r\n]/g, ' ');
}

/** An error reply's line from an `err` field: "-%s", trimmed of CR/LF, CR/LF -> space. */
function errorLine(msg: string): string {
  let s = cString(msg);
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 13 || s.charCodeAt(end - 1) === 10)) end--;
  s = s.slice(0, end);
  return mapCrLf(s);
}

const enum Kind {
  Array,
  Map,
  Set,
}

/** A table whose elements are being converted. */
class Frame {
  readonly kind: Kind;
  /** The table iterated: the array itself, or the `map` / `set` field. */
  readonly table: LuaTable;
  /** Stack slot of the table being converted. */
  readonly slot: number;
  /** Array: next index (1-based). Map/set: next() position (array part, then hash slots). */
  pos: number;
  phase: number;
  readonly out: RespValue[];
  readonly pairs: [RespValue, RespValue][];
  /** Map: the converted key waiting for its value. */
  key: RespValue | undefined;
  /** Map: the raw value to convert after the key. */
  pendingValue: LuaValue;

  constructor(kind: Kind, table: LuaTable, slot: number) {
    this.kind = kind;
    this.table = table;
    this.slot = slot;
    this.pos = kind === Kind.Array ? 1 : 0;
    this.phase = 0;
    this.out = [];
    this.pairs = [];
    this.key = undefined;
    this.pendingValue = undefined;
  }

  /** next(): advances to the next entry; false at the end. */
  step(): [LuaValue, LuaValue] | undefined {
    const t = this.table;
    if (this.phase === 0) {
      const arr = t.arr;
      while (this.pos < arr.length && arr[this.pos] === undefined) this.pos++;
      if (this.pos < arr.length) {
        const k = this.pos + 1;
        return [k, arr[this.pos++]];
      }
      this.phase = 1;
      this.pos = 0;
    }
    const node = t.node;
    while (this.pos < node.length && node[this.pos + 1] === undefined) this.pos += 3;
    if (this.pos < node.length) {
      const p = this.pos;
      this.pos += 3;
      return [node[p], node[p + 1]];
    }
    return undefined;
  }
}

/**
 * The reply for a script's return value. `opts` defaults to a RESP2 script
 * and a RESP2 client.
 */
export function luaToReply(value: LuaValue, opts: ReplyOptions = DEFAULTS): RespValue {
  const frames: Frame[] = [];
  const resp3 = opts.clientResp === 3;

  /** Converts a scalar or special table now, or opens a frame (returns undefined). */
  const convert = (v: LuaValue, slot: number): RespValue | undefined => {
    if (slot + 4 > MAX_C_STACK) return STACK_LIMIT;
    switch (typeof v) {
      case 'string':
        return { type: 'bulk', value: v };
      case 'number':
        return { type: 'integer', value: toInt64(v) };
      case 'boolean':
        if (opts.scriptResp === 2) return v ? { type: 'integer', value: 1 } : RESP_NULL;
        return resp3 ? { type: 'boolean', value: v } : { type: 'integer', value: v ? 1 : 0 };
      default:
        break;
    }
    if (!(v instanceof LuaTable)) return RESP_NULL;
    const err = v.getStr('err');
    if (typeof err === 'string') return { type: 'error', value: errorLine(err) };
    const ok = v.getStr('ok');
    if (typeof ok === 'string') return { type: 'status', value: mapCrLf(cString(ok)) };
    const dbl = v.getStr('double');
    if (typeof dbl === 'number') return resp3 ? { type: 'double', value: dbl } : { type: 'bulk', value: formatDoubleReply(dbl) };
    const big = v.getStr('big_number');
    if (typeof big === 'string') {
      const text = mapCrLf(big);
      return resp3 ? { type: 'bignum', value: text } : { type: 'bulk', value: text };
    }
    const verb = v.getStr('verbatim_string');
    if (verb instanceof LuaTable) {
      const format = verb.getStr('format');
      const text = verb.getStr('string');
      if (typeof format === 'string' && typeof text === 'string') {
        if (!resp3) return { type: 'bulk', value: text };
        return { type: 'verbatim', format: (format + '   ').slice(0, 3), value: text };
      }
    }
    const map = v.getStr('map');
    if (map instanceof LuaTable) {
      frames.push(new Frame(Kind.Map, map, slot));
      return undefined;
    }
    const set = v.getStr('set');
    if (set instanceof LuaTable) {
      frames.push(new Frame(Kind.Set, set, slot));
      return undefined;
    }
    frames.push(new Frame(Kind.Array, v, slot));
    return undefined;
  };

  let done = convert(value, TOP_SLOT);
  while (frames.length > 0) {
    const f = frames[frames.length - 1]!;
    let child: LuaValue;
    let childSlot: number;
    let finished = false;
    if (f.kind === Kind.Array) {
      child = f.table.getInt(f.pos);
      if (child === undefined) finished = true;
      f.pos++;
      // lua_rawget leaves the element one slot above the table.
      childSlot = f.slot + 1;
    } else if (f.kind === Kind.Map && f.key !== undefined) {
      // The key is done: now its value (table, map, key, value -> slot + 3).
      child = f.pendingValue;
      childSlot = f.slot + 3;
    } else {
      const e = f.step();
      if (e === undefined) finished = true;
      else {
        child = e[0];
        f.pendingValue = e[1];
      }
      // Map: table, map, key, value, dup key -> slot + 4; set: no value slot.
      childSlot = f.slot + (f.kind === Kind.Map ? 4 : 3);
    }
    let r: RespValue | undefined;
    if (finished) {
      frames.pop();
      if (f.kind === Kind.Array) r = { type: 'array', value: f.out };
      else if (f.kind === Kind.Set) r = resp3 ? { type: 'set', value: f.out } : { type: 'array', value: f.out };
      else if (resp3) r = { type: 'map', value: f.pairs };
      else {
        const flat: RespValue[] = [];
        for (const [k, val] of f.pairs) flat.push(k, val);
        r = { type: 'array', value: flat };
      }
    } else {
      r = convert(child, childSlot);
      if (r === undefined) continue;
    }
    // Deliver r to the frame now on top (or finish).
    deliver(frames, r);
    if (frames.length === 0) done = r;
  }
  return done!;
}

/** Appends a finished element to the innermost open frame. */
function deliver(frames: Frame[], r: RespValue): void {
  const p = frames[frames.length - 1];
  if (p === undefined) return;
  if (p.kind === Kind.Array || p.kind === Kind.Set) p.out.push(r);
  else if (p.key === undefined) p.key = r;
  else {
    p.pairs.push([p.key, r]);
    p.key = undefined;
    p.pendingValue = undefined;
  }
}
