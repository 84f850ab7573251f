// Custom Chevrotain matchers for the Lua 5.1 tokens a regular expression
// cannot express exactly, or not cheaply: white space and comments, names,
// short and long strings, numerals, the dot family and the two-byte
// operators. Each follows llex.c's reading loop byte for byte.
//
// Invariants:
// - Matchers run in source order, one tokenize() at a time, and keep the
//   lexer's position state in `scan`: `scan.line` is lua5.1's line number at
//   the position being matched. The white-space matcher advances it past the
//   line breaks it skips; a string matcher leaves the breaks inside its token
//   in `scan.innerLines` and a name matcher its keyword in `scan.keyword`,
//   for the token factory in lexer.ts, which Chevrotain calls right after the
//   match. A matcher that answers null changes nothing.
// - A matcher that hits a lexical error records it in `scan.error` and
//   returns a match that swallows the rest of the input, so lexing stops
//   there (lua5.1 stops at its first lexical error); lexer.ts turns the
//   record into the final `LexError` token.
// - Payloads: a string token carries its decoded bytes, a numeral its value;
//   the matcher leaves it in `scan.payload` for the token factory.
//
// Speed: Chevrotain reads a matcher's result (the image) before it calls the
// next matcher and keeps neither the array nor, for a skipped token, the
// image, so the matchers return one of two reused arrays, and the
// white-space matcher's image is a cached string of spaces of the skipped
// length (only its length counts). Nothing is allocated per skipped stretch.
import type { CustomPatternMatcherReturn } from 'chevrotain';
import { str2number } from './str2number.js';

/** A lexical error as llex.c raises it: message, optional `near` text, and where. */
export interface LexErrorInfo {
  /** The message without position, e.g. `unfinished string`. */
  message: string;
  /** What follows ` near `, already as lua5.1 prints it; undefined for no `near` part. */
  near: string | undefined;
  /** Byte offset (in the lexed text) at which lua5.1 raised it. */
  offset: number;
}

/** The reserved words; a name matcher reports index + 1 in `scan.keyword` (tokens.ts maps it to the type). */
export const KEYWORDS = [
  'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'if', 'in', 'local', 'nil', 'not',
  'or', 'repeat', 'return', 'then', 'true', 'until', 'while',
] as const;

/** The lexer's position state during one tokenize() (see the invariants above); lexer.ts resets it. */
export const scan = {
  /** lua5.1's line number at the position being matched. */
  line: 1,
  /** Line breaks inside the token just matched. */
  innerLines: 0,
  /** Keyword number (KEYWORDS index + 1) of the name just matched; 0 for a plain name. */
  keyword: 0,
  /** The payload of the token just matched (Chevrotain's own payload channel is not used). */
  payload: undefined as unknown,
  /** The first lexical error, and lua5.1's line for it. */
  error: undefined as LexErrorInfo | undefined,
  errorLine: 0,
};

/** Sets the state for lexing a text that starts at line `line`. */
export function resetScan(line: number): void {
  scan.line = line;
  scan.innerLines = 0;
  scan.keyword = 0;
  scan.payload = undefined;
  scan.error = undefined;
  scan.errorLine = 0;
}

// The reused results (see the header). `as` because Chevrotain's type is a
// tuple with an optional `payload`, which an array literal cannot be.
const result = [''] as unknown as CustomPatternMatcherReturn;
const blankResult = [''] as unknown as CustomPatternMatcherReturn;
const SPACES: string[] = [];
for (let s = ''; s.length < 256; s += ' ') SPACES.push(s);

function match(image: string, payload: unknown): CustomPatternMatcherReturn {
  result[0] = image;
  scan.payload = payload;
  return result;
}

function skipped(text: string, from: number, to: number): CustomPatternMatcherReturn {
  const len = to - from;
  blankResult[0] = len < SPACES.length ? SPACES[len] as string : text.slice(from, to);
  return blankResult;
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

/** Number of line breaks in text[from, to), counted as lua5.1 does ("\r\n" and "\n\r" are one). */
export function countLineBreaks(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines++;
      if (i + 1 < to) {
        const d = text.charCodeAt(i + 1);
        if ((d === 10 || d === 13) && d !== c) i++;
      }
    }
  }
  return lines;
}

/**
 * Records a lexical error raised at `offset` by the token starting at `start`
 * (on line `startLine`), and returns the match that swallows the rest.
 */
function fail(text: string, start: number, startLine: number, offset: number, message: string,
  near: string | undefined): CustomPatternMatcherReturn {
  scan.error = { message, near: near === undefined ? undefined : cString(near), offset };
  scan.errorLine = startLine + countLineBreaks(text, start, offset);
  scan.innerLines = 0;
  scan.keyword = 0;
  return match(text.slice(start), undefined);
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

/** What readLongString found: the content (strings only) and the line breaks it crossed. */
const longRead = { value: '', lines: 0 };

/**
 * read_long_string from the opening bracket at `start` (level `sep`). Returns
 * the offset after the closing bracket, with the content (unless `isComment`)
 * and the line breaks in `longRead`; or -1 when the input ends first.
 * The nesting error is recorded here (token start `tokStart`, line `line`).
 */
function readLongString(text: string, tokStart: number, line: number, start: number, sep: number,
  isComment: boolean): number {
  let i = start + sep + 2;
  let lines = 0;
  if (isNewline(text.charCodeAt(i))) { i = skipNewline(text, i); lines++; }
  let value = '';
  let chunkStart = i;
  const n = text.length;
  for (;;) {
    if (i >= n) {
      fail(text, tokStart, line, n, isComment ? 'unfinished long comment' : 'unfinished long string', '<eof>');
      return -1;
    }
    const c = text.charCodeAt(i);
    if (c === 93 /* ] */) {
      if (skipSep(text, i) === sep) {
        if (!isComment) value += text.slice(chunkStart, i);
        longRead.value = value;
        longRead.lines = lines;
        return i + sep + 2;
      }
      // skip_sep consumed the ']' and the '='s.
      i++;
      while (text.charCodeAt(i) === 61) i++;
    } else if (c === 91 /* [ */) {
      // LUA_COMPAT_LSTR == 1: lua5.1 rejects "[[" nested in a level-0 long bracket.
      const s2 = skipSep(text, i);
      if (s2 === sep) {
        if (sep === 0) {
          fail(text, tokStart, line, i + 2, 'nesting of [[...]] is deprecated', '[');
          return -1;
        }
        i += sep + 2;
      } else {
        i++;
        while (text.charCodeAt(i) === 61) i++;
      }
    } else if (isNewline(c)) {
      // Any line break is stored as one '\n'.
      if (!isComment) value += text.slice(chunkStart, i) + '\n';
      i = skipNewline(text, i);
      lines++;
      chunkStart = i;
    } else {
      i++;
    }
  }
}

/**
 * White space (isspace in the C locale) and `--` comments, short and long,
 * as one skipped stretch; counts its line breaks into `scan.line`.
 */
export function matchBlank(text: string, offset: number): CustomPatternMatcherReturn | null {
  let i = offset;
  let line = scan.line;
  const n = text.length;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 11 || c === 12) {
      i++;
    } else if (c === 10 || c === 13) {
      const d = text.charCodeAt(i + 1);
      i += (d === 10 || d === 13) && d !== c ? 2 : 1;
      line++;
    } else if (c === 45 /* - */ && text.charCodeAt(i + 1) === 45) {
      i += 2;
      if (text.charCodeAt(i) === 91 /* [ */) {
        const sep = skipSep(text, i);
        if (sep >= 0) {
          const end = readLongString(text, i - 2, line, i, sep, true);
          if (end < 0) return skipped(text, offset, n);
          line += longRead.lines;
          i = end;
          continue;
        }
      }
      while (i < n && !isNewline(text.charCodeAt(i))) i++;
    } else {
      break;
    }
  }
  if (i === offset) return null;
  scan.line = line;
  return skipped(text, offset, i);
}

// Recently seen names of up to 12 bytes, by a hash of their bytes (a
// direct-mapped cache that lives as long as the module): a name met again
// reuses the string, so the AST holds one copy of `self` or `print` rather
// than one per occurrence, and the keyword test is done once per cached name.
const NAME_CACHE_BITS = 12;
const nameCache: (string | undefined)[] = new Array<string | undefined>(1 << NAME_CACHE_BITS).fill(undefined);
const nameKeyword = new Uint8Array(1 << NAME_CACHE_BITS);

/** Names: [A-Za-z_][A-Za-z0-9_]*; a reserved word is reported in `scan.keyword`. */
export function matchName(text: string, offset: number): CustomPatternMatcherReturn | null {
  let c = text.charCodeAt(offset);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return null;
  let h = c;
  let i = offset + 1;
  for (c = text.charCodeAt(i); isAlnum(c) || c === 95; c = text.charCodeAt(i)) {
    h = (Math.imul(h, 31) + c) | 0;
    i++;
  }
  const len = i - offset;
  // V8 makes a slice of 13 or more bytes a view of the whole source: caching
  // one would keep a large source alive after its AST is gone.
  if (len > 12) {
    scan.keyword = 0;
    return match(text.slice(offset, i), undefined);
  }
  const slot = (h ^ (h >>> NAME_CACHE_BITS) ^ len) & ((1 << NAME_CACHE_BITS) - 1);
  const cached = nameCache[slot];
  if (cached !== undefined && cached.length === len && sameBytes(text, offset, cached)) {
    scan.keyword = nameKeyword[slot] as number;
    return match(cached, undefined);
  }
  const image = text.slice(offset, i);
  const kw = keywordNumber(image);
  nameCache[slot] = image;
  nameKeyword[slot] = kw;
  scan.keyword = kw;
  return match(image, undefined);
}

/** Whether text[offset, offset + s.length) is `s`. */
function sameBytes(text: string, offset: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (text.charCodeAt(offset + k) !== s.charCodeAt(k)) return false;
  return true;
}

/** KEYWORDS index + 1 of `s`, or 0; decided on the first byte, so a plain name costs one comparison or none. */
function keywordNumber(s: string): number {
  switch (s.charCodeAt(0)) {
    case 97: return s === 'and' ? 1 : 0;
    case 98: return s === 'break' ? 2 : 0;
    case 100: return s === 'do' ? 3 : 0;
    case 101: return s === 'end' ? 6 : s === 'else' ? 4 : s === 'elseif' ? 5 : 0;
    case 102: return s === 'function' ? 9 : s === 'for' ? 8 : s === 'false' ? 7 : 0;
    case 105: return s === 'if' ? 10 : s === 'in' ? 11 : 0;
    case 108: return s === 'local' ? 12 : 0;
    case 110: return s === 'nil' ? 13 : s === 'not' ? 14 : 0;
    case 111: return s === 'or' ? 15 : 0;
    case 114: return s === 'return' ? 17 : s === 'repeat' ? 16 : 0;
    case 116: return s === 'then' ? 18 : s === 'true' ? 19 : 0;
    case 117: return s === 'until' ? 20 : 0;
    case 119: return s === 'while' ? 21 : 0;
    default: return 0;
  }
}

/** `[[...]]`, `[==[...]==]`; a plain '[' is left to the LBracket token. */
export function matchLongString(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 91) return null;
  const sep = skipSep(text, offset);
  if (sep === -1) return null;
  const line = scan.line;
  if (sep < -1) {
    return fail(text, offset, line, offset - sep - 1, 'invalid long string delimiter', text.slice(offset, offset - sep));
  }
  const end = readLongString(text, offset, line, offset, sep, false);
  if (end < 0) return match(text.slice(offset), undefined);
  scan.innerLines = longRead.lines;
  return match(text.slice(offset, end), longRead.value);
}

/** read_string: a quoted string with 5.1 escapes. */
export function matchShortString(text: string, offset: number): CustomPatternMatcherReturn | null {
  const del = text.charCodeAt(offset);
  if (del !== 34 && del !== 39) return null;
  const n = text.length;
  const line = scan.line;
  let i = offset + 1;
  let lines = 0;
  let value = '';
  let chunkStart = i;
  for (;;) {
    if (i >= n) {
      return fail(text, offset, line, n, 'unfinished string', '<eof>');
    }
    const c = text.charCodeAt(i);
    if (c === del) break;
    if (isNewline(c)) {
      value += text.slice(chunkStart, i);
      return fail(text, offset, line, i, 'unfinished string', text.charAt(offset) + value);
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
      case 10: case 13: value += '\n'; i = skipNewline(text, i); lines++; break;
      default: {
        if (!isDigit(e)) { value += text.charAt(i); i++; break; }
        let code = 0;
        let k = 0;
        do {
          code = code * 10 + (text.charCodeAt(i) - C_0);
          i++;
        } while (++k < 3 && isDigit(text.charCodeAt(i)));
        if (code > 255) {
          return fail(text, offset, line, i, 'escape sequence too large', text.charAt(offset) + value);
        }
        value += globalThis.String.fromCharCode(code);
      }
    }
    chunkStart = i;
  }
  value += text.slice(chunkStart, i);
  scan.innerLines = lines;
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
  let dots = c0 === 46 ? 1 : 0;
  for (;;) {
    i++;
    c = text.charCodeAt(i);
    if (c === 46) dots++;
    else if (!isDigit(c)) break;
  }
  const plainEnd = i;
  // check_next(ls, "Ee") and (ls, "+-") also accept a NUL byte (strchr finds the terminator).
  if (c === 69 || c === 101 || c === 0) {
    i++;
    c = text.charCodeAt(i);
    if (c === 43 || c === 45 || c === 0) i++;
  }
  for (c = text.charCodeAt(i); isAlnum(c) || c === 95; c = text.charCodeAt(i)) i++;
  const image = text.slice(offset, i);
  // Digits with at most one dot (the common case) are a decimal numeral
  // that strtod and Number() both round correctly; the rest goes the long way.
  const value = i === plainEnd && dots <= 1 ? Number(image) : str2number(image);
  if (value === undefined) return fail(text, offset, scan.line, i, 'malformed number', image);
  return match(image, value);
}

/** `...` (a NUL may stand for either of the last two dots, see tokens.ts). */
export function matchDots(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 46) return null;
  const a = text.charCodeAt(offset + 1);
  if (a !== 46 && a !== 0) return null;
  const b = text.charCodeAt(offset + 2);
  if (b !== 46 && b !== 0) return null;
  return match(a === 46 && b === 46 ? '...' : text.slice(offset, offset + 3), undefined);
}

/** `..` (the second dot may be a NUL). */
export function matchConcat(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 46) return null;
  const a = text.charCodeAt(offset + 1);
  if (a !== 46 && a !== 0) return null;
  return match(a === 46 ? '..' : text.slice(offset, offset + 2), undefined);
}

/** A matcher for a fixed two-byte token (`==`, `<=`, `>=`, `~=`): cheaper than a RegExp call. */
export function pairMatcher(pair: string): (text: string, offset: number) => CustomPatternMatcherReturn | null {
  const a = pair.charCodeAt(0), b = pair.charCodeAt(1);
  return (text, offset) =>
    text.charCodeAt(offset) === a && text.charCodeAt(offset + 1) === b ? match(pair, undefined) : null;
}

/** Any single code unit (the `Other` token: bytes no other token starts with). */
export function matchOther(text: string, offset: number): CustomPatternMatcherReturn | null {
  return offset < text.length ? match(text.charAt(offset), undefined) : null;
}
