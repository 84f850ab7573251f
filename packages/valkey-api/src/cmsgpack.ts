// cmsgpack: MessagePack for Lua, as lua-cmsgpack 0.4.0 (bundled by Valkey).
// Invariants: packed data is a byte string; tables are walked in next()
// order; decoding is iterative and follows the C code's Lua stack use slot
// by slot, so its "stack overflow (...)" errors come at the same depth and
// count as the real library's (redis 7.0: 3999 nested one-element arrays
// decode, 4000 fail; 7999 top-level values unpack, 8000 fail).

import { LuaTable, LuaError, type LuaState, type LuaValue, type LibTable } from '@valua/vm';
import { MAX_C_STACK } from './cjson/config.js';
import { arrayTable } from './array-table.js';
import { ByteSink } from './byte-sink.js';
import { shapeChild, shapedTable, shapeRoot, type ShapeNode } from './table-shapes.js';

/** LUACMSGPACK_MAX_NESTING: a table 16 tables deep is packed as nil. */
const MAX_NESTING = 16;

const f64 = new Float64Array(1);
const f32 = new Float32Array(1);
const b64 = new Uint8Array(f64.buffer);
const b32 = new Uint8Array(f32.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;


// ---- Encoding -------------------------------------------------------------

// One reused output sink (pack never re-enters itself; reset before use).
const OUT = new ByteSink();

function bytesHeader(out: ByteSink, len: number): void {
  if (len < 32) out.byte(0xa0 | len);
  else if (len <= 0xff) {
    out.byte(0xd9);
    out.byte(len);
  } else if (len <= 0xffff) {
    out.byte(0xda);
    be(out, len, 2);
  } else {
    out.byte(0xdb);
    be(out, len, 4);
  }
}

/** n (non-negative, below 2^32) as `size` big-endian bytes. */
function be(out: ByteSink, n: number, size: number): void {
  for (let k = size - 1; k >= 0; k--) out.byte((n >>> (8 * k)) & 0xff);
}

/** Big-endian bytes of a 64-bit two's complement integer held exactly in a double. */
function int64(out: ByteSink, n: number): void {
  const hi = Math.floor(n / 4294967296);
  be(out, hi >>> 0, 4);
  be(out, n - hi * 4294967296, 4);
}

/** mp_encode_int for an integral n in [-2^63, 2^63). */
function encodeInt(out: ByteSink, n: number): void {
  if (n >= 0) {
    if (n <= 127) out.byte(n);
    else if (n <= 0xff) {
      out.byte(0xcc);
      out.byte(n);
    } else if (n <= 0xffff) {
      out.byte(0xcd);
      be(out, n, 2);
    } else if (n <= 0xffffffff) {
      out.byte(0xce);
      be(out, n, 4);
    } else {
      out.byte(0xcf);
      int64(out, n);
    }
  } else if (n >= -32) out.byte(n & 0xff);
  else if (n >= -128) {
    out.byte(0xd0);
    out.byte(n & 0xff);
  } else if (n >= -32768) {
    out.byte(0xd1);
    be(out, n & 0xffff, 2);
  } else if (n >= -2147483648) {
    out.byte(0xd2);
    be(out, n >>> 0, 4);
  } else {
    out.byte(0xd3);
    int64(out, n);
  }
}

/** mp_encode_double: float32 when the double survives the round trip. */
function encodeDouble(out: ByteSink, d: number): void {
  f32[0] = d;
  if (f32[0] === d) {
    out.byte(0xca);
    for (let i = 0; i < 4; i++) out.byte(b32[LITTLE ? 3 - i : i]!);
    return;
  }
  f64[0] = d;
  out.byte(0xcb);
  for (let i = 0; i < 8; i++) out.byte(b64[LITTLE ? 7 - i : i]!);
}

/** mp_encode_lua_number: IS_INT64_EQUIVALENT picks the integer forms (-0 included). */
function encodeNumber(out: ByteSink, n: number): void {
  if (Number.isInteger(n) && n >= -9223372036854775808 && n < 9223372036854775808) encodeInt(out, n + 0);
  else encodeDouble(out, n);
}

function containerHeader(out: ByteSink, n: number, fix: number, b16: number): void {
  if (n <= 15) out.byte(fix | n);
  else if (n <= 65535) {
    out.byte(b16);
    be(out, n, 2);
  } else {
    out.byte(b16 + 1);
    be(out, n, 4);
  }
}

/**
 * table_is_an_array: every key a number equal to a positive C int, and the
 * largest equal to the count (so the keys are exactly 1..n).
 */
function isArray(t: LuaTable): boolean {
  let count = 0;
  let max = 0;
  const arr = t.arr;
  for (let i = 0; i < arr.length; i++) {
    if (arr[i] === undefined) continue;
    if (i + 1 > max) max = i + 1;
    count++;
  }
  const node = t.node;
  for (let p = 0; p < node.length; p += 3) {
    if (node[p + 1] === undefined) continue;
    const k = node[p];
    if (typeof k !== 'number' || !(k > 0) || k > 2147483647 || (k | 0) !== k) return false;
    if (k > max) max = k;
    count++;
  }
  return max === count;
}

/** mp_encode_lua_type: appends the encoding of v at nesting `level`. */
function encodeValue(out: ByteSink, v: LuaValue, level: number): void {
  switch (typeof v) {
    case 'string':
      bytesHeader(out, v.length);
      out.text(v);
      return;
    case 'boolean':
      out.byte(v ? 0xc3 : 0xc2);
      return;
    case 'number':
      encodeNumber(out, v);
      return;
    default:
      if (v instanceof LuaTable && level < MAX_NESTING) encodeTable(out, v, level);
      else out.byte(0xc0);
  }
}

function encodeTable(out: ByteSink, t: LuaTable, level: number): void {
  if (isArray(t)) {
    // lua_objlen: with keys exactly 1..n the border is n.
    const n = t.length();
    containerHeader(out, n, 0x90, 0xdc);
    for (let i = 1; i <= n; i++) encodeValue(out, t.getInt(i), level + 1);
    return;
  }
  let count = 0;
  const arr = t.arr;
  const node = t.node;
  for (let i = 0; i < arr.length; i++) if (arr[i] !== undefined) count++;
  for (let p = 1; p < node.length; p += 3) if (node[p] !== undefined) count++;
  containerHeader(out, count, 0x80, 0xde);
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (v !== undefined) {
      encodeInt(out, i + 1);
      encodeValue(out, v, level + 1);
    }
  }
  for (let p = 0; p < node.length; p += 3) {
    const v = node[p + 1];
    if (v !== undefined) {
      encodeValue(out, node[p], level + 1);
      encodeValue(out, v, level + 1);
    }
  }
}

/** cmsgpack.pack(v1, ...) */
function mpPack(L: LuaState, base: number, nargs: number): number {
  if (nargs === 0) throw L.argError(0, 'MessagePack pack needs input.');
  // lua_checkstack(L, nargs) on top of the nargs arguments.
  if (nargs + nargs > MAX_C_STACK) throw L.argError(0, 'Too many arguments for MessagePack pack.');
  OUT.reset();
  for (let i = 0; i < nargs; i++) encodeValue(OUT, L.stack[base + i], 0);
  L.push(OUT.finish());
  return 1;
}

// ---- Decoding ---------------------------------------------------------------

const enum CurError {
  None = 0,
  Eof = 1,
  BadFormat = 2,
}

const MSG_RETURNS = 'too many return values at once; use unpack_one or unpack_limit instead.';

/** The decoding cursor (mp_cur) plus the Lua stack-slot count of the C code. */
class Decoder {
  readonly L: LuaState;
  readonly s: string;
  p: number;
  err: CurError;
  /** Slots the C function holds: its argument, results so far, open tables. */
  used: number;

  constructor(L: LuaState, s: string, p: number) {
    this.L = L;
    this.s = s;
    this.p = p;
    this.err = CurError.None;
    this.used = 1;
  }

  /** luaL_checkstack(L, 1, msg) */
  checkStack(msg: string): void {
    if (this.used + 1 > MAX_C_STACK) throw this.L.error(`stack overflow (${msg})`);
  }

  byte(i: number): number {
    return this.s.charCodeAt(i);
  }

  /** Big-endian unsigned integer of n bytes at i (n <= 4). */
  uint(i: number, n: number): number {
    let v = 0;
    for (let k = 0; k < n; k++) v = v * 256 + this.s.charCodeAt(i + k);
    return v;
  }

  /**
   * mp_decode_to_lua_type, iteratively. Returns the value (counted in
   * `used`), or sets `err` and returns undefined.
   */
  decode(): LuaValue {
    const s = this.s;
    // The open tables, innermost last: elements (or pairs) still to come,
    // whether it is a map, where its contents start in `pending`, whether
    // an array element is nil, and (maps) the shape node its keys so far
    // lead to (null once a key is not a string or a value is nil). The
    // contents wait in `pending` and become a table when complete, built
    // as lua_rawseti / lua_settable in order would build it.
    const remaining: number[] = [];
    const maps: boolean[] = [];
    const starts: number[] = [];
    const holes: boolean[] = [];
    const nodes: (ShapeNode | null)[] = [];
    // Starts with a nil so that it holds any value (a double-only array
    // would canonicalise NaNs; lua5.1 keeps the sign of -nan).
    const pending: LuaValue[] = [undefined];
    let top = 0;
    let v: LuaValue;
    value: for (;;) {
      const left = s.length - this.p;
      if (left < 1) {
        this.err = CurError.Eof;
        return undefined;
      }
      this.checkStack(MSG_RETURNS);
      const p = this.p;
      const b = s.charCodeAt(p);
      let need = 1;
      let len = -1;
      let isMap = false;
      switch (b) {
        case 0xcc:
          need = 2;
          if (left >= need) v = this.byte(p + 1);
          break;
        case 0xd0:
          need = 2;
          if (left >= need) v = (this.byte(p + 1) << 24) >> 24;
          break;
        case 0xcd:
          need = 3;
          if (left >= need) v = this.uint(p + 1, 2);
          break;
        case 0xd1:
          need = 3;
          if (left >= need) v = (this.uint(p + 1, 2) << 16) >> 16;
          break;
        case 0xce:
          need = 5;
          if (left >= need) v = this.uint(p + 1, 4);
          break;
        case 0xd2:
          need = 5;
          if (left >= need) v = this.uint(p + 1, 4) | 0;
          break;
        case 0xcf:
        case 0xd3:
          // uint64 goes through lua_Integer too: values >= 2^63 wrap.
          // hi * 2^32 + lo rounds once, as the int64 -> double cast does.
          need = 9;
          if (left >= need) v = (this.uint(p + 1, 4) | 0) * 4294967296 + this.uint(p + 5, 4);
          break;
        case 0xc0:
          v = undefined;
          break;
        case 0xc3:
          v = true;
          break;
        case 0xc2:
          v = false;
          break;
        case 0xca:
          need = 5;
          if (left >= need) {
            for (let k = 0; k < 4; k++) b32[LITTLE ? 3 - k : k] = this.byte(p + 1 + k);
            v = f32[0]!;
          }
          break;
        case 0xcb:
          need = 9;
          if (left >= need) {
            for (let k = 0; k < 8; k++) b64[LITTLE ? 7 - k : k] = this.byte(p + 1 + k);
            v = f64[0]!;
          }
          break;
        case 0xd9:
        case 0xda:
        case 0xdb: {
          const h = b === 0xd9 ? 1 : b === 0xda ? 2 : 4;
          if (left < 1 + h) {
            this.err = CurError.Eof;
            return undefined;
          }
          const l = this.uint(p + 1, h);
          need = 1 + h + l;
          if (left >= need) v = s.slice(p + 1 + h, p + need);
          break;
        }
        case 0xdc:
        case 0xdd:
        case 0xde:
        case 0xdf: {
          const h = b === 0xdc || b === 0xde ? 2 : 4;
          need = 1 + h;
          if (left >= need) {
            len = this.uint(p + 1, h);
            isMap = b >= 0xde;
          }
          break;
        }
        default:
          if ((b & 0x80) === 0) v = b;
          else if ((b & 0xe0) === 0xe0) v = b - 256;
          else if ((b & 0xe0) === 0xa0) {
            need = 1 + (b & 0x1f);
            if (left >= need) v = s.slice(p + 1, p + need);
          } else if ((b & 0xf0) === 0x90) len = b & 0xf;
          else if ((b & 0xf0) === 0x80) {
            len = b & 0xf;
            isMap = true;
          } else {
            this.err = CurError.BadFormat;
            return undefined;
          }
      }
      if (left < need) {
        this.err = CurError.Eof;
        return undefined;
      }
      this.p = p + need;
      this.used++;
      if (len >= 0) {
        if (!isMap) this.checkStack('in function mp_decode_to_lua_array');
        if (len > 0) {
          remaining.push(len);
          maps.push(isMap);
          starts.push(top);
          holes.push(false);
          nodes.push(isMap ? shapeRoot() : null);
          if (!isMap) this.used++; // the index pushed before each element
          continue value;
        }
        v = new LuaTable();
      }
      // v is complete: store it into the tables it completes.
      for (;;) {
        const c = maps.length - 1;
        if (c < 0) return v;
        const isMap = maps[c]!;
        if (!isMap) {
          if (v === undefined) holes[c] = true;
          pending[top++] = v;
          this.used -= 2;
        } else if (((top - starts[c]!) & 1) === 0) {
          // A key.
          pending[top++] = v;
          const node = nodes[c]!;
          if (node !== null) nodes[c] = typeof v === 'string' ? shapeChild(node, v) : null;
          continue value;
        } else {
          const k = pending[top - 1];
          // lua_settable raises these from inside the C function: no position.
          if (k === undefined) throw new LuaError('table index is nil');
          if (k !== k) throw new LuaError('table index is NaN');
          pending[top++] = v;
          if (v === undefined) nodes[c] = null;
          this.used -= 2;
        }
        if (--remaining[c]! > 0) {
          if (!isMap) this.used++;
          continue value;
        }
        const from = starts.pop()!;
        const node = nodes.pop()!;
        const nils = holes.pop()!;
        remaining.pop();
        maps.pop();
        v = isMap ? mapTable(node, pending, from, top) : nils ? holeyTable(pending, from, top) : arrayTable(pending, from, top - from);
        top = from;
      }
    }
  }
}

/** A map's pairs pending[from..to), as lua_settable pair by pair builds it. */
function mapTable(node: ShapeNode | null, pending: LuaValue[], from: number, to: number): LuaTable {
  // Keys all strings and values none nil: the shape trie knows the layout.
  if (node !== null) return shapedTable(node, pending, from, to);
  const t = new LuaTable();
  for (let i = from; i < to; i += 2) t.set(pending[i], pending[i + 1]);
  return t;
}

/** An array with nil elements: set in order (a nil store still creates the key in 5.1). */
function holeyTable(pending: LuaValue[], from: number, to: number): LuaTable {
  const t = new LuaTable();
  for (let i = from; i < to; i++) t.setInt(i - from + 1, pending[i]);
  return t;
}

/** C's (int) cast of an integral double, for the printed numbers. */
function cInt(x: number): number {
  return Number(BigInt.asIntN(32, BigInt(x)));
}

/** mp_unpack_full: the string is argument 1; `limit`/`offset` as the C code. */
function unpackFull(L: LuaState, s: string, limit: number, offset: number): number {
  const len = s.length;
  const decodeAll = limit === 0 && offset === 0;
  if (offset < 0 || limit < 0) {
    throw L.error(`Invalid request to unpack with offset of ${cInt(offset)} and limit of ${cInt(len)}.`);
  }
  if (offset > len) throw L.error(`Start offset ${cInt(offset)} greater than input length ${cInt(len)}.`);
  if (decodeAll) limit = 2147483647;
  const d = new Decoder(L, s, offset);
  const results: LuaValue[] = [];
  for (let cnt = 0; d.p < len && cnt < limit; cnt++) {
    const v = d.decode();
    if (d.err === CurError.Eof) throw L.error('Missing bytes in input.');
    if (d.err === CurError.BadFormat) throw L.error('Bad data format in input.');
    results.push(v);
  }
  if (!decodeAll) {
    d.checkStack('in function mp_unpack_full');
    L.push(d.p === len ? -1 : d.p);
  }
  for (let i = 0; i < results.length; i++) L.push(results[i]);
  return results.length + (decodeAll ? 0 : 1);
}

/** cmsgpack.unpack(s) */
function mpUnpack(L: LuaState): number {
  return unpackFull(L, L.checkString(1), 0, 0);
}

/** cmsgpack.unpack_one(s [, offset]) */
function mpUnpackOne(L: LuaState): number {
  const offset = L.optInteger(2, 0);
  return unpackFull(L, L.checkString(1), 1, offset);
}

/** cmsgpack.unpack_limit(s, limit [, offset]) */
function mpUnpackLimit(L: LuaState): number {
  const limit = L.checkInteger(2);
  const offset = L.optInteger(3, 0);
  return unpackFull(L, L.checkString(1), limit, offset);
}

export const cmsgpackLib: LibTable = {
  pack: mpPack,
  unpack: mpUnpack,
  unpack_one: mpUnpackOne,
  unpack_limit: mpUnpackLimit,
};

/** Installs the global `cmsgpack` (luaopen_cmsgpack) and returns it. */
export function openCmsgpack(L: LuaState): LuaTable {
  const t = L.register('cmsgpack', cmsgpackLib);
  t.setStr('_NAME', 'cmsgpack');
  t.setStr('_VERSION', 'lua-cmsgpack 0.4.0');
  t.setStr('_COPYRIGHT', 'Copyright (C) 2012, Redis Ltd.');
  t.setStr('_DESCRIPTION', 'MessagePack C implementation for Lua');
  return t;
}
