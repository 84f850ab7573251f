// cjson.encode: Lua value -> JSON text, as Lua CJSON 2.1.0 (bundled by
// Valkey) writes it. Iterative (an explicit frame stack) so that nesting is
// bounded only by the library's own limits, never by the JS stack.
// Invariants: output is a byte string; tables are walked in next() order
// (array part, then hash slots); every error is a LibError carrying the
// library's message, raised before anything is returned.

import { LuaTable, typeNameOf, type LuaValue } from '@valua/vm';
import { CjsonConfig, InvalidNumbers, LibError, MAX_C_STACK } from './config.js';
import { formatG, scaledDigits, SCALED } from '../format-g.js';
import { JSON_NULL } from './null.js';
import { ByteSink } from '../byte-sink.js';

/** Reused output buffer (encode never re-enters itself; reset before each use). */
const SINK = new ByteSink();

// char2escape: the bytes lua_cjson.c escapes, with its exact spellings
// (lower-case \u00XX, and "/" as "\/").
const ESCAPES: (string | undefined)[] = [];
for (let c = 0; c < 256; c++) {
  let e: string | undefined;
  if (c < 0x20 || c === 0x7f) e = '\\u00' + (c < 16 ? '0' : '') + c.toString(16);
  ESCAPES.push(e);
}
ESCAPES[8] = '\\b';
ESCAPES[9] = '\\t';
ESCAPES[10] = '\\n';
ESCAPES[12] = '\\f';
ESCAPES[13] = '\\r';
ESCAPES[34] = '\\"';
ESCAPES[47] = '\\/';
ESCAPES[92] = '\\\\';

/** 1 for the bytes ESCAPES spells otherwise, as a typed table for the scan. */
const NEEDS_ESCAPE = new Uint8Array(256);
for (let c = 0; c < 256; c++) if (ESCAPES[c] !== undefined) NEEDS_ESCAPE[c] = 1;

/** json_append_string into a sink: the quoted, escaped form of a byte string. */
function appendString(out: ByteSink, s: string): void {
  const n = s.length;
  if (n <= 64) {
    // Room for the worst case (every byte a 6-byte \u00XX), then straight
    // into the buffer.
    out.reserve(n * 6 + 2);
    const buf = out.buf;
    let p = out.n;
    buf[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (NEEDS_ESCAPE[c] === 0) buf[p++] = c;
      else {
        const e = ESCAPES[c]!;
        for (let j = 0; j < e.length; j++) buf[p++] = e.charCodeAt(j);
      }
    }
    buf[p++] = 34;
    out.n = p;
    return;
  }
  // Long strings: copy the runs between escapes whole.
  out.byte(34);
  let from = 0;
  for (let i = 0; i < n; i++) {
    if (NEEDS_ESCAPE[s.charCodeAt(i)] === 0) continue;
    if (i > from) out.text(s.slice(from, i));
    out.text(ESCAPES[s.charCodeAt(i)]!);
    from = i + 1;
  }
  if (from < n) out.text(from === 0 ? s : s.slice(from));
  out.byte(34);
}

/**
 * Appends the decimal digits of an integer |x| < 2^31 (what %.14g prints
 * for it, and any precision of 10 or more).
 */
function appendInt(out: ByteSink, x: number): void {
  out.reserve(11);
  const buf = out.buf;
  let p = out.n;
  if (x < 0) {
    buf[p++] = 45;
    x = -x;
  }
  let digits = 1;
  for (let t = x; t >= 10; t = Math.floor(t / 10)) digits++;
  p += digits;
  out.n = p;
  do {
    const q = Math.floor(x / 10);
    buf[--p] = 48 + x - q * 10;
    x = q;
  } while (x > 0);
}

/** Digits of SCALED.r, most significant first (scratch for appendNumber). */
const DIGITS = new Uint8Array(14);

/** json_append_number for a value: formatNumber's text, written in place when it can be. */
function appendNumber(cfg: CjsonConfig, out: ByteSink, v: number): void {
  const prec = cfg.encodeNumberPrecision;
  // Integers print as themselves (-0 is "-0"; not an int here).
  if ((v | 0) === v && prec >= 10 && (v !== 0 || 1 / v > 0)) {
    appendInt(out, v);
    return;
  }
  const ax = v < 0 ? -v : v;
  if (!(ax >= 1e-4 && ax < 1e15) || !scaledDigits(ax, prec)) {
    out.text(formatNumber(cfg, v, 'number'));
    return;
  }
  // formatG's fixed notation of SCALED (prec digits at exponent x), in place.
  let r = SCALED.r;
  const x = SCALED.x;
  for (let i = prec - 1; i >= 0; i--) {
    const q = Math.floor(r / 10);
    DIGITS[i] = r - q * 10;
    r = q;
  }
  let end = prec;
  while (end > 1 && DIGITS[end - 1] === 0) end--;
  out.reserve(prec + 7);
  const buf = out.buf;
  let p = out.n;
  if (v < 0) buf[p++] = 45;
  if (x < 0) {
    buf[p++] = 48;
    buf[p++] = 46;
    for (let i = -1; i > x; i--) buf[p++] = 48;
    for (let i = 0; i < end; i++) buf[p++] = 48 + DIGITS[i]!;
  } else {
    for (let i = 0; i <= x; i++) buf[p++] = 48 + DIGITS[i]!;
    if (end > x + 1) {
      buf[p++] = 46;
      for (let i = x + 1; i < end; i++) buf[p++] = 48 + DIGITS[i]!;
    }
  }
  out.n = p;
}

/** json_append_number, for a value or a key. */
function formatNumber(cfg: CjsonConfig, x: number, what: string): string {
  if (x - x !== 0) {
    // NaN or +-inf.
    const mode = cfg.encodeInvalidNumbers;
    if (mode === InvalidNumbers.Off) throw new LibError(`Cannot serialise ${what}: must not be NaN or Inf`);
    if (mode === InvalidNumbers.Null) return 'null';
    // "on": nan is spelled without its sign; inf goes through %g.
    if (x !== x) return 'nan';
    return x > 0 ? 'inf' : '-inf';
  }
  if ((x | 0) === x && cfg.encodeNumberPrecision === 14 && !(x === 0 && 1 / x < 0)) return String(x);
  return formatG(x, cfg.encodeNumberPrecision);
}

/**
 * lua_array_length: >0 = encode as an array of that length, -1 = object.
 * Keys that are numbers >= 1 with no fraction make an array candidate.
 * `max` is a C int: a key of 2^31 or more stores INT_MIN (x86's cvttsd2si),
 * after which the candidate fails the `len > 0` test and becomes an object.
 */
function arrayLength(cfg: CjsonConfig, t: LuaTable): number {
  let max = 0;
  let items = 0;
  const arr = t.arr;
  for (let i = 0; i < arr.length; i++) {
    if (arr[i] === undefined) continue;
    // Array-part keys are integers 1..n.
    if (i + 1 > max) max = i + 1 >= 2147483648 ? -2147483648 : i + 1;
    items++;
  }
  const node = t.node;
  for (let p = 0; p < node.length; p += 3) {
    if (node[p + 1] === undefined) continue;
    const k = node[p];
    if (typeof k === 'number' && k !== 0 && Math.floor(k) === k && k >= 1) {
      if (k > max) max = k >= 2147483648 ? -2147483648 : k;
      items++;
      continue;
    }
    return -1;
  }
  if (cfg.encodeSparseRatio > 0 && max > Math.imul(items, cfg.encodeSparseRatio) && max > cfg.encodeSparseSafe) {
    if (!cfg.encodeSparseConvert) throw new LibError('Cannot serialise table: excessively sparse array');
    return -1;
  }
  return max;
}

/** One table being written. */
class Frame {
  readonly table: LuaTable;
  /** >0: array of this length; -1: object. */
  readonly length: number;
  /** Next array index (arrays), or next array-part index then node (slot offset). */
  pos: number;
  /** Object: 0 = still in the array part, 1 = in the hash slots. */
  phase: number;
  /** Stack slots this frame holds for its child in the C code (1 or 2). */
  readonly slots: number;
  /** Object: members written so far (a comma goes before every other one). */
  count: number;

  constructor(table: LuaTable, length: number) {
    this.table = table;
    this.length = length;
    this.pos = length > 0 ? 1 : 0;
    this.phase = 0;
    this.slots = length > 0 ? 1 : 2;
    this.count = 0;
  }
}

/** cjson.encode(value) */
export function jsonEncode(cfg: CjsonConfig, value: LuaValue): string {
  const out = SINK;
  out.reset();
  if (!(value instanceof LuaTable)) {
    encodeScalar(cfg, out, value);
    return out.finish();
  }
  const frames: Frame[] = [];
  // Slots the C code would hold on the Lua stack: the argument, plus 1 per
  // enclosing array (the element) and 2 per enclosing object (key, value).
  let used = 1;
  const enter = (t: LuaTable): void => {
    const depth = frames.length + 1;
    if (depth > cfg.encodeMaxDepth || used + 3 > MAX_C_STACK) {
      throw new LibError(`Cannot serialise, excessive nesting (${depth})`);
    }
    const len = arrayLength(cfg, t);
    const f = new Frame(t, len);
    frames.push(f);
    used += f.slots;
    out.byte(len > 0 ? 91 : 123);
  };
  enter(value);
  while (frames.length > 0) {
    const f = frames[frames.length - 1]!;
    const t = f.table;
    let v: LuaValue;
    if (f.length > 0) {
      if (f.pos > f.length) {
        out.byte(93);
        frames.pop();
        used -= f.slots;
        continue;
      }
      if (f.pos > 1) out.byte(44);
      v = t.getInt(f.pos);
      f.pos++;
    } else {
      // next(): the array part in order, then the hash slots.
      let key: LuaValue;
      let found = false;
      if (f.phase === 0) {
        const arr = t.arr;
        while (f.pos < arr.length && arr[f.pos] === undefined) f.pos++;
        if (f.pos < arr.length) {
          key = f.pos + 1;
          v = arr[f.pos];
          f.pos++;
          found = true;
        } else {
          f.phase = 1;
          f.pos = 0;
        }
      }
      if (!found) {
        const node = t.node;
        while (f.pos < node.length && node[f.pos + 1] === undefined) f.pos += 3;
        if (f.pos < node.length) {
          key = node[f.pos];
          v = node[f.pos + 1];
          f.pos += 3;
          found = true;
        }
      }
      if (!found) {
        out.byte(125);
        frames.pop();
        used -= f.slots;
        continue;
      }
      if (f.count++ > 0) out.byte(44);
      if (typeof key === 'string') {
        appendString(out, key);
        out.byte(58);
      } else if (typeof key === 'number') {
        out.byte(34);
        out.text(formatNumber(cfg, key, 'number'));
        out.byte(34);
        out.byte(58);
      } else throw new LibError(`Cannot serialise ${typeNameOf(key)}: table key must be a number or string`);
    }
    if (typeof v === 'object' && v instanceof LuaTable) enter(v);
    else encodeScalar(cfg, out, v);
  }
  return out.finish();
}

function encodeScalar(cfg: CjsonConfig, out: ByteSink, v: LuaValue): void {
  switch (typeof v) {
    case 'string':
      appendString(out, v);
      return;
    case 'number':
      appendNumber(cfg, out, v);
      return;
    case 'boolean':
      out.text(v ? 'true' : 'false');
      return;
    case 'undefined':
      out.text('null');
      return;
    default:
      if (v === JSON_NULL) {
        out.text('null');
        return;
      }
      throw new LibError(`Cannot serialise ${typeNameOf(v)}: type not supported`);
  }
}
