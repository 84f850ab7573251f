// Custom Chevrotain matchers for the Lua 5.1 tokens a regular expression
// cannot express exactly: comments, short and long strings, numerals and the
// dot family. Each follows llex.c's reading loop byte for byte.
//
// Invariants:
// - A matcher that hits a lexical error records it in `lexErrorState` and
//   returns a match that swallows the rest of the input, so lexing stops
//   there (lua5.1 stops at its first lexical error); lexer.ts turns the
//   record into the final `LexError` token.
// - Payloads: a string token carries its decoded bytes, a numeral its value.
import type { CustomPatternMatcherReturn } from 'chevrotain';
import { str2number } from './str2number.js';

/** A lexical error as llex.c raises it: message, optional `near` text, and where. */
export interface LexErrorInfo {
  /** The message without position, e.g. `unfinished string`. */
  message: string;
  /** What follows ` near `, already as lua5.1 prints it; undefined for no `near` part. */
  near: string | undefined;
  /** Byte offset at which lua5.1 raised it (the line is derived from it). */
  offset: number;
}

/** Per-tokenize() record of the first lexical error (reset by lexer.ts). */
export const lexErrorState: { error: LexErrorInfo | undefined } = { error: undefined };

/** Returns and clears the recorded error. */
export function takeLexError(): LexErrorInfo | undefined {
  const e = lexErrorState.error;
  lexErrorState.error = undefined;
  return e;
}

// Character classes of the C locale.
const C_0 = 48, C_9 = 57;
function isDigit(c: number): boolean { return c >= C_0 && c <= C_9; }
function isAlnum(c: number): boolean {
  return (c >= C_0 && c <= C_9) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isNewline(c: number): boolean { return c === 10 || c === 13; }

/** The text that `%s` prints for a C string: everything before the first NUL. */
export function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

function fail(text: string, offset: number, message: string, near: string | undefined, start: number): CustomPatternMatcherReturn {
  lexErrorState.error = { message, near: near === undefined ? undefined : cString(near), offset };
  return [text.slice(start)];
}

function match(image: string, payload: unknown): CustomPatternMatcherReturn {
  const m: CustomPatternMatcherReturn = [image];
  m.payload = payload;
  return m;
}

/** Offset just past the line break at `i` (a pair of different newline bytes is one break). */
function skipNewline(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  return isNewline(d) && d !== c ? i + 2 : i + 1;
}

/**
 * skip_sep: at a '[' or ']' at `i`, counts the '='s after it. Returns the
 * level (>= 0) when the same bracket follows, else -(count) - 1.
 */
function skipSep(text: string, i: number): number {
  const s = text.charCodeAt(i);
  let j = i + 1;
  while (text.charCodeAt(j) === 61 /* = */) j++;
  const count = j - i - 1;
  return text.charCodeAt(j) === s ? count : -count - 1;
}

/**
 * read_long_string from the opening bracket at `start` (level `sep`). Returns
 * the offset after the closing bracket and the content, or undefined after
 * recording an error. `isComment` selects the error text, as in llex.c.
 */
function readLongString(text: string, start: number, sep: number, isComment: boolean):
  { end: number; value: string } | undefined {
  let i = start + sep + 2;
  if (isNewline(text.charCodeAt(i))) i = skipNewline(text, i);
  let value = '';
  let chunkStart = i;
  const n = text.length;
  for (;;) {
    if (i >= n) {
      fail(text, n, isComment ? 'unfinished long comment' : 'unfinished long string', '<eof>', start);
      return undefined;
    }
    const c = text.charCodeAt(i);
    if (c === 93 /* ] */) {
      if (skipSep(text, i) === sep) {
        value += text.slice(chunkStart, i);
        return { end: i + sep + 2, value };
      }
      // skip_sep consumed the ']' and the '='s.
      i++;
      while (text.charCodeAt(i) === 61) i++;
    } else if (c === 91 /* [ */) {
      // LUA_COMPAT_LSTR == 1: lua5.1 rejects "[[" nested in a level-0 long bracket.
      const s2 = skipSep(text, i);
      if (s2 === sep) {
        if (sep === 0) {
          fail(text, i + 2, 'nesting of [[...]] is deprecated', '[', start);
          return undefined;
        }
        i += sep + 2;
      } else {
        i++;
        while (text.charCodeAt(i) === 61) i++;
      }
    } else if (isNewline(c)) {
      // Any line break is stored as one '\n'.
      value += text.slice(chunkStart, i) + '\n';
      i = skipNewline(text, i);
      chunkStart = i;
    } else {
      i++;
    }
  }
}

/** `--` comments, short and long. */
export function matchComment(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 45 || text.charCodeAt(offset + 1) !== 45) return null;
  let i = offset + 2;
  if (text.charCodeAt(i) === 91 /* [ */) {
    const sep = skipSep(text, i);
    if (sep >= 0) {
      const r = readLongString(text, i, sep, true);
      if (r === undefined) return [text.slice(offset)];
      return [text.slice(offset, r.end)];
    }
  }
  const n = text.length;
  while (i < n && !isNewline(text.charCodeAt(i))) i++;
  return [text.slice(offset, i)];
}

/** `[[...]]`, `[==[...]==]`; a plain '[' is left to the LBracket token. */
export function matchLongString(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 91) return null;
  const sep = skipSep(text, offset);
  if (sep === -1) return null;
  if (sep < -1) {
    return fail(text, offset - sep - 1, 'invalid long string delimiter', text.slice(offset, offset - sep), offset);
  }
  const r = readLongString(text, offset, sep, false);
  if (r === undefined) return [text.slice(offset)];
  return match(text.slice(offset, r.end), r.value);
}

/** read_string: a quoted string with 5.1 escapes. */
export function matchShortString(text: string, offset: number): CustomPatternMatcherReturn | null {
  const del = text.charCodeAt(offset);
  if (del !== 34 && del !== 39) return null;
  const n = text.length;
  let i = offset + 1;
  let value = '';
  let chunkStart = i;
  for (;;) {
    if (i >= n) {
      return fail(text, n, 'unfinished string', '<eof>', offset);
    }
    const c = text.charCodeAt(i);
    if (c === del) break;
    if (isNewline(c)) {
      value += text.slice(chunkStart, i);
      return fail(text, i, 'unfinished string', text.charAt(offset) + value, offset);
    }
    if (c !== 92 /* \ */) { i++; continue; }
    value += text.slice(chunkStart, i);
    i++;
    if (i >= n) { chunkStart = i; continue; } // the next round reports it
    const e = text.charCodeAt(i);
    switch (e) {
      case 97: value += '\x07'; i++; break; // \a
      case 98: value += '\b'; i++; break;
      case 102: value += '\f'; i++; break;
      case 110: value += '\n'; i++; break;
      case 114: value += '\r'; i++; break;
      case 116: value += '\t'; i++; break;
      case 118: value += '\v'; i++; break;
      case 10: case 13: value += '\n'; i = skipNewline(text, i); break;
      default: {
        if (!isDigit(e)) { value += text.charAt(i); i++; break; }
        let code = 0;
        let k = 0;
        do {
          code = code * 10 + (text.charCodeAt(i) - C_0);
          i++;
        } while (++k < 3 && isDigit(text.charCodeAt(i)));
        if (code > 255) {
          return fail(text, i, 'escape sequence too large', text.charAt(offset) + value, offset);
        }
        value += globalThis.String.fromCharCode(code);
      }
    }
    chunkStart = i;
  }
  value += text.slice(chunkStart, i);
  return match(text.slice(offset, i + 1), value);
}

/** read_numeral: digits and dots, an optional exponent mark and sign, then alphanumerics. */
export function matchNumber(text: string, offset: number): CustomPatternMatcherReturn | null {
  let i = offset;
  const c0 = text.charCodeAt(i);
  if (c0 === 46 /* . */) {
    if (!isDigit(text.charCodeAt(i + 1))) return null;
  } else if (!isDigit(c0)) {
    return null;
  }
  let c = c0;
  do { i++; c = text.charCodeAt(i); } while (isDigit(c) || c === 46);
  // check_next(ls, "Ee") and (ls, "+-") also accept a NUL byte (strchr finds the terminator).
  if (c === 69 || c === 101 || c === 0) {
    i++;
    c = text.charCodeAt(i);
    if (c === 43 || c === 45 || c === 0) i++;
  }
  for (c = text.charCodeAt(i); isAlnum(c) || c === 95; c = text.charCodeAt(i)) i++;
  const image = text.slice(offset, i);
  const value = str2number(image);
  if (value === undefined) return fail(text, i, 'malformed number', image, offset);
  return match(image, value);
}

/** `...` (a NUL may stand for either of the last two dots, see tokens.ts). */
export function matchDots(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 46) return null;
  const a = text.charCodeAt(offset + 1);
  if (a !== 46 && a !== 0) return null;
  const b = text.charCodeAt(offset + 2);
  if (b !== 46 && b !== 0) return null;
  return [text.slice(offset, offset + 3)];
}

/** `..` (the second dot may be a NUL). */
export function matchConcat(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 46) return null;
  const a = text.charCodeAt(offset + 1);
  if (a !== 46 && a !== 0) return null;
  return [text.slice(offset, offset + 2)];
}
