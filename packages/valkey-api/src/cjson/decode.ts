// cjson.decode: JSON text -> Lua value, as Lua CJSON 2.1.0 (bundled by
// Valkey) reads it: a C string (a NUL byte ends the input), strtod numbers
// (hex, inf, nan, "+1", "007" while decode_invalid_numbers is on), raw
// control characters accepted inside strings, errors naming the token and
// its 1-based byte position.
// Iterative (an explicit container stack): nesting is bounded by the
// configured depth and by the C stack-slot model, never by the JS stack.

import { LuaTable, cStrtod, type LuaValue } from '@valua/vm';
import { CjsonConfig, LibError, MAX_C_STACK } from './config.js';
import { JSON_NULL } from './null.js';
import { ByteSink } from '../byte-sink.js';
import { arrayTable } from '../array-table.js';
import { shapeChild, shapedTable, shapeRoot, type ShapeNode } from '../table-shapes.js';

/** Reused for strings with escapes (reset before each use). */
const SINK = new ByteSink();

// Token types, numbered as json_token_type_t (the names index TOKEN_NAMES).
const enum Tok {
  ObjBegin,
  ObjEnd,
  ArrBegin,
  ArrEnd,
  String,
  Number,
  Boolean,
  Null,
  Colon,
  Comma,
  End,
  Whitespace,
  Error,
  Unknown,
}

const TOKEN_NAMES = [
  'T_OBJ_BEGIN',
  'T_OBJ_END',
  'T_ARR_BEGIN',
  'T_ARR_END',
  'T_STRING',
  'T_NUMBER',
  'T_BOOLEAN',
  'T_NULL',
  'T_COLON',
  'T_COMMA',
  'T_END',
  'T_WHITESPACE',
  'T_ERROR',
  'T_UNKNOWN',
];

// ch2token: what a byte starts.
const CH2TOKEN = new Uint8Array(256).fill(Tok.Error);
CH2TOKEN[123] = Tok.ObjBegin;
CH2TOKEN[125] = Tok.ObjEnd;
CH2TOKEN[91] = Tok.ArrBegin;
CH2TOKEN[93] = Tok.ArrEnd;
CH2TOKEN[44] = Tok.Comma;
CH2TOKEN[58] = Tok.Colon;
CH2TOKEN[0] = Tok.End;
CH2TOKEN[32] = Tok.Whitespace;
CH2TOKEN[9] = Tok.Whitespace;
CH2TOKEN[10] = Tok.Whitespace;
CH2TOKEN[13] = Tok.Whitespace;
for (const c of 'fiInNt"+-0123456789') CH2TOKEN[c.charCodeAt(0)] = Tok.Unknown;

// escape2char: 0 = invalid escape; 'u' = unicode escape follows.
const ESCAPE2CHAR = new Uint8Array(256);
ESCAPE2CHAR[34] = 34;
ESCAPE2CHAR[92] = 92;
ESCAPE2CHAR[47] = 47;
ESCAPE2CHAR[98] = 8;
ESCAPE2CHAR[116] = 9;
ESCAPE2CHAR[110] = 10;
ESCAPE2CHAR[102] = 12;
ESCAPE2CHAR[114] = 13;
ESCAPE2CHAR[117] = 117;

/** The one-character strings escapes decode to, by code. */
const ESCAPED: string[] = [];
for (let c = 0; c < 128; c++) ESCAPED.push(String.fromCharCode(c));

/** 10^0 .. 10^22: every one exact in a double (10^22 = 2^22 * 5^22, and 5^22 < 2^53). */
const POW10 = new Float64Array(23);
POW10[0] = 1;
for (let k = 1; k <= 22; k++) POW10[k] = POW10[k - 1]! * 10;

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

class Parser {
  readonly s: string;
  readonly cfg: CjsonConfig;
  ptr: number;
  // The current token (json_token_t).
  type: Tok;
  index: number;
  str: string;
  num: number;
  bool: boolean;
  /** T_ERROR: what went wrong. */
  err: string;
  /** Position of the next backslash at or after some earlier point. */
  nextBackslash: number;
  /** After nextKey: the trie node whose key the current token is, if one matched. */
  matched: ShapeNode | null;

  constructor(s: string, cfg: CjsonConfig) {
    this.s = s;
    this.cfg = cfg;
    this.ptr = 0;
    this.type = Tok.End;
    this.index = 0;
    this.str = '';
    this.num = 0;
    this.bool = false;
    this.err = '';
    this.nextBackslash = -2;
    this.matched = null;
  }

  /** Byte at i, or 0 past the end (the C string's terminator). */
  at(i: number): number {
    return i < this.s.length ? this.s.charCodeAt(i) : 0;
  }

  /** The current token's type (a call, so TypeScript does not narrow it across next()). */
  tok(): Tok {
    return this.type;
  }

  setError(what: string): void {
    this.type = Tok.Error;
    this.index = this.ptr;
    this.err = what;
  }

  /** json_next_token */
  next(): void {
    const s = this.s;
    let ch: number;
    let t: Tok;
    for (;;) {
      ch = this.at(this.ptr);
      t = CH2TOKEN[ch]!;
      if (t !== Tok.Whitespace) break;
      this.ptr++;
    }
    this.type = t;
    this.index = this.ptr;
    if (t === Tok.Error) {
      this.setError('invalid token');
      return;
    }
    if (t === Tok.End) return;
    if (t !== Tok.Unknown) {
      this.ptr++;
      return;
    }
    const p = this.ptr;
    if (ch === 34) {
      this.stringToken();
      return;
    }
    if (ch === 45 || (ch >= 48 && ch <= 57)) {
      if (!this.cfg.decodeInvalidNumbers && this.isInvalidNumber()) {
        this.setError('invalid number');
        return;
      }
      this.numberToken();
      return;
    }
    if (s.startsWith('true', p)) {
      this.type = Tok.Boolean;
      this.bool = true;
      this.ptr += 4;
      return;
    }
    if (s.startsWith('false', p)) {
      this.type = Tok.Boolean;
      this.bool = false;
      this.ptr += 5;
      return;
    }
    if (s.startsWith('null', p)) {
      this.type = Tok.Null;
      this.ptr += 4;
      return;
    }
    if (this.cfg.decodeInvalidNumbers && this.isInvalidNumber()) {
      this.numberToken();
      return;
    }
    this.setError('invalid token');
  }

  /**
   * next(), where an object key may come: a key spelled exactly as one of
   * `node`'s children (and with no '"' or '\\' in it, so the string token
   * is those bytes) is taken from the trie without slicing the text.
   */
  nextKey(node: ShapeNode | null): void {
    this.matched = null;
    if (node !== null) {
      const s = this.s;
      let p = this.ptr;
      while (CH2TOKEN[this.at(p)] === Tok.Whitespace) p++;
      if (s.charCodeAt(p) === 34) {
        const children = node.children;
        for (let i = 0; i < children.length; i++) {
          const c = children[i]!;
          const k = c.key;
          if (c.plain && s.charCodeAt(p + 1 + k.length) === 34 && s.startsWith(k, p + 1)) {
            this.type = Tok.String;
            this.index = p;
            this.str = k;
            this.ptr = p + 2 + k.length;
            this.matched = c;
            return;
          }
        }
      }
    }
    this.next();
  }

  /** json_is_invalid_number: forms strtod takes that strict JSON does not. */
  isInvalidNumber(): boolean {
    let p = this.ptr;
    let c = this.at(p);
    if (c === 43) return true;
    if (c === 45) c = this.at(++p);
    if (c === 48) {
      const c2 = this.at(p + 1);
      return (c2 | 32) === 120 || (c2 >= 48 && c2 <= 57);
    }
    if (c <= 57) return false;
    return startsWithNoCase(this.s, p, 'inf') || startsWithNoCase(this.s, p, 'nan');
  }

  numberToken(): void {
    const s = this.s;
    const n = s.length;
    const p = this.ptr;
    // Fast path: [-]digits[.digits][e[+-]digits], ending where strtod would
    // end it too. With at most 15 digits the digits as an integer m are
    // exact, and so is 10^k for k <= 22: then m * 10^k and m / 10^k are one
    // correctly rounded operation, the double strtod's correctly rounded
    // conversion gives (Clinger's fast path). Otherwise Number() of the
    // text rounds decimal text exactly as strtod does.
    let i = p;
    const neg = s.charCodeAt(i) === 45;
    if (neg) i++;
    const d0 = i;
    let m = 0;
    let c = i < n ? s.charCodeAt(i) : 0;
    while (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      c = ++i < n ? s.charCodeAt(i) : 0;
    }
    const intDigits = i - d0;
    if (intDigits > 0 && c !== 120 && c !== 88) {
      if (c !== 46 && c !== 101 && c !== 69 && intDigits < 16) {
        this.type = Tok.Number;
        this.num = neg ? -m : m;
        this.ptr = i;
        return;
      }
      let frac = 0;
      if (c === 46) {
        c = ++i < n ? s.charCodeAt(i) : 0;
        while (c >= 48 && c <= 57) {
          m = m * 10 + (c - 48);
          frac++;
          c = ++i < n ? s.charCodeAt(i) : 0;
        }
      }
      let exp = 0;
      if (c === 101 || c === 69) {
        let k = i + 1;
        let e = k < n ? s.charCodeAt(k) : 0;
        const expNeg = e === 45;
        if (e === 43 || e === 45) e = ++k < n ? s.charCodeAt(k) : 0;
        if (e >= 48 && e <= 57) {
          while (e >= 48 && e <= 57) {
            // Past 10^5 the fast path is out of reach anyway.
            if (exp < 100000) exp = exp * 10 + (e - 48);
            e = ++k < n ? s.charCodeAt(k) : 0;
          }
          i = k;
          if (expNeg) exp = -exp;
        }
      }
      this.type = Tok.Number;
      const e10 = exp - frac;
      if (intDigits + frac <= 15 && e10 >= -22 && e10 <= 22) {
        const v = e10 >= 0 ? m * POW10[e10]! : m / POW10[-e10]!;
        this.num = neg ? -v : v;
      } else this.num = Number(s.slice(p, i));
      this.ptr = i;
      return;
    }
    const r = cStrtod(s, p);
    if (r.end === p) {
      this.setError('invalid number');
      return;
    }
    this.type = Tok.Number;
    this.num = r.value;
    this.ptr = r.end;
  }

  /** json_next_string_token; ptr is at the opening quote. */
  stringToken(): void {
    const s = this.s;
    const start = this.ptr + 1;
    const q = s.indexOf('"', start);
    if (this.nextBackslash !== -1 && this.nextBackslash < start) this.nextBackslash = s.indexOf('\\', start);
    if (q >= 0 && (this.nextBackslash === -1 || this.nextBackslash > q)) {
      this.type = Tok.String;
      this.str = s.slice(start, q);
      this.ptr = q + 1;
      return;
    }
    // Escapes (or no closing quote). Short strings: the runs between
    // escapes are concatenated; long ones go through the byte sink, which
    // keeps millions of escapes from becoming millions of string pieces.
    const n = s.length;
    const long = q < 0 || q - start > 512;
    const out = SINK;
    if (long) out.reset();
    let acc = '';
    let p = start;
    let from = p;
    for (;;) {
      const ch = p < n ? s.charCodeAt(p) : 0;
      if (ch === 34) break;
      if (ch === 0) {
        this.ptr = p;
        this.setError('unexpected end of string');
        return;
      }
      if (ch !== 92) {
        if (long) out.byte(ch);
        p++;
        continue;
      }
      if (!long && p > from) acc += s.slice(from, p);
      const esc = ESCAPE2CHAR[this.at(p + 1)]!;
      let piece: string;
      if (esc === 117) {
        const r = unicodeEscape(s, p);
        if (r === undefined) {
          this.ptr = p;
          this.setError('invalid unicode escape code');
          return;
        }
        piece = r[0];
        p += r[1];
      } else if (esc === 0) {
        this.ptr = p;
        this.setError('invalid escape code');
        return;
      } else {
        piece = ESCAPED[esc]!;
        p += 2;
      }
      if (long) out.text(piece);
      else acc += piece;
      from = p;
    }
    this.type = Tok.String;
    if (long) this.str = out.finish();
    else this.str = p > from ? acc + s.slice(from, p) : acc;
    this.ptr = p + 1;
  }

  fail(expected: string): never {
    const found = this.type === Tok.Error ? this.err : TOKEN_NAMES[this.type]!;
    throw new LibError(`Expected ${expected} but found ${found} at character ${this.index + 1}`);
  }
}

function startsWithNoCase(s: string, p: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    if ((s.charCodeAt(p + k) | 32) !== word.charCodeAt(k)) return false;
  }
  return true;
}

function hex4(s: string, p: number): number {
  let v = 0;
  for (let k = 0; k < 4; k++) {
    const d = p + k < s.length ? hexDigit(s.charCodeAt(p + k)) : -1;
    if (d < 0) return -1;
    v = (v << 4) | d;
  }
  return v;
}

/**
 * json_append_unicode_escape at the backslash of "\uXXXX": the UTF-8 bytes
 * and how many input bytes were used, or undefined for a bad escape (bad
 * hex, a low surrogate first, a high surrogate not followed by a low one).
 */
function unicodeEscape(s: string, p: number): [string, number] | undefined {
  let cp = hex4(s, p + 2);
  if (cp < 0) return undefined;
  let len = 6;
  if ((cp & 0xf800) === 0xd800) {
    if (cp & 0x400) return undefined;
    if (s.charCodeAt(p + 6) !== 92 || s.charCodeAt(p + 7) !== 117) return undefined;
    const low = hex4(s, p + 8);
    if (low < 0 || (low & 0xfc00) !== 0xdc00) return undefined;
    cp = (((cp & 0x3ff) << 10) | (low & 0x3ff)) + 0x10000;
    len = 12;
  }
  let bytes: string;
  if (cp <= 0x7f) bytes = String.fromCharCode(cp);
  else if (cp <= 0x7ff) bytes = String.fromCharCode((cp >> 6) | 0xc0, (cp & 0x3f) | 0x80);
  else if (cp <= 0xffff) bytes = String.fromCharCode((cp >> 12) | 0xe0, ((cp >> 6) & 0x3f) | 0x80, (cp & 0x3f) | 0x80);
  else {
    bytes = String.fromCharCode(
      (cp >> 18) | 0xf0,
      ((cp >> 12) & 0x3f) | 0x80,
      ((cp >> 6) & 0x3f) | 0x80,
      (cp & 0x3f) | 0x80,
    );
  }
  return [bytes, len];
}

/** cjson.decode(text); `text` is the argument already converted to a string. */
export function jsonDecode(cfg: CjsonConfig, text: string): LuaValue {
  // Detect UTF-16/32 (RFC 4627 sec. 3) before the NUL cut below.
  if (text.length >= 2 && (text.charCodeAt(0) === 0 || text.charCodeAt(1) === 0)) {
    throw new LibError('JSON parser does not support UTF-16 or UTF-32');
  }
  // The C parser sees a C string: everything from the first NUL on is gone.
  const nul = text.indexOf('\0');
  const js = new Parser(nul >= 0 ? text.slice(0, nul) : text, cfg);
  // The open arrays and objects, innermost last: whether it is an object,
  // where its pending contents start in `pending`, and (objects) the shape
  // node its keys so far lead to. Contents wait in `pending` (elements;
  // key, value pairs) and become a table at the closing bracket, built as
  // rawseti / rawset in order would build it.
  const isObj: boolean[] = [];
  const starts: number[] = [];
  const nodes: (ShapeNode | null)[] = [];
  // Starts with a nil so that it holds any value: an array that began
  // with numbers would hold doubles, and V8 stores every NaN there as one
  // canonical NaN (lua5.1 keeps the sign of -nan).
  const pending: LuaValue[] = [undefined];
  let top = 0;
  // Lua stack slots held (json_decode_descend's lua_checkstack): the
  // argument, plus per open array its table, per open object table and key.
  let used = 1;
  let value: LuaValue;
  js.next();
  for (;;) {
    // A value starts at the current token.
    let have = true;
    switch (js.tok()) {
      case Tok.String:
        value = js.str;
        break;
      case Tok.Number:
        value = js.num;
        break;
      case Tok.Boolean:
        value = js.bool;
        break;
      case Tok.Null:
        value = JSON_NULL;
        break;
      case Tok.ArrBegin:
      case Tok.ObjBegin: {
        const isObject = js.tok() === Tok.ObjBegin;
        const depth = isObj.length + 1;
        const slots = isObject ? 3 : 2;
        if (depth > cfg.decodeMaxDepth || used + slots > MAX_C_STACK) {
          throw new LibError(`Found too many nested data structures (${depth}) at character ${js.ptr}`);
        }
        const root = isObject ? shapeRoot() : null;
        js.nextKey(root);
        if (js.tok() === (isObject ? Tok.ObjEnd : Tok.ArrEnd)) {
          value = new LuaTable();
          break;
        }
        isObj.push(isObject);
        starts.push(top);
        used += isObject ? 2 : 1;
        if (isObject) {
          nodes.push(keyNode(js, root));
          pending[top++] = js.str;
          readColon(js);
        } else nodes.push(null);
        have = false;
        break;
      }
      default:
        js.fail('value');
    }
    if (!have) continue;
    // A value is complete: store it in its container, or finish.
    for (;;) {
      const c = isObj.length - 1;
      if (c < 0) {
        js.next();
        if (js.tok() !== Tok.End) js.fail('the end');
        return value;
      }
      pending[top++] = value;
      const isObject = isObj[c]!;
      js.next();
      if (js.tok() === (isObject ? Tok.ObjEnd : Tok.ArrEnd)) {
        const from = starts.pop()!;
        const node = nodes.pop()!;
        isObj.pop();
        used -= isObject ? 2 : 1;
        value = isObject ? shapedTable(node, pending, from, top) : arrayTable(pending, from, top - from);
        top = from;
        continue;
      }
      if (js.tok() !== Tok.Comma) js.fail(isObject ? 'comma or object end' : 'comma or array end');
      if (isObject) {
        js.nextKey(nodes[c]!);
        nodes[c] = keyNode(js, nodes[c]!);
        pending[top++] = js.str;
        readColon(js);
      } else js.next();
      break;
    }
  }
}

/**
 * The current token is an object member's key: checks it and returns the
 * shape node it leads to from `node` (null: the table is built key by key).
 */
function keyNode(js: Parser, node: ShapeNode | null): ShapeNode | null {
  if (js.tok() !== Tok.String) js.fail('object key string');
  if (js.matched !== null) return js.matched;
  return node === null ? null : shapeChild(node, js.str);
}

/** After a key: the `:`, leaving the value's first token current. */
function readColon(js: Parser): void {
  js.next();
  if (js.tok() !== Tok.Colon) js.fail('colon');
  js.next();
}
