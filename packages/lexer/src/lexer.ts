// Tokenising a Lua 5.1 byte string ahead of the parser, with lua5.1's lazy
// errors.
//
// lua5.1 lexes on demand, so a lexical error only surfaces when the parser
// asks for the bad token. We tokenise ahead, a segment (about 32 KB) at a
// time; a lexical error ends the token list with one `LexError` token whose
// payload is the error, and the parser raises it when that token becomes its
// current token.
//
// Invariants:
// - Token lines are lua5.1's line numbers: `startLine` where the token
//   starts, `endLine` where it ends (ls->linenumber right after reading it).
// - String tokens carry their decoded bytes as `payload`, numerals their value.
// - Reserved words have their keyword token type (see tokens.ts).
//
// Speed: Chevrotain tracks only offsets; one pass afterwards computes the
// lines and retypes keywords, which is several times cheaper than letting
// the lexer track lines and try keyword patterns.
import { Lexer, type IToken, type TokenType } from 'chevrotain';
import { allTokens, keywords, LexError, LongString, Name, ShortString } from './tokens.js';
import { takeLexError, type LexErrorInfo } from './matchers.js';

/** The token objects we hand out: all fields present from the start, so they share one shape. */
export interface LuaToken extends IToken {
  startLine: number;
  endLine: number;
  payload: unknown;
}

class LuaLexer extends Lexer {
  // Chevrotain picks its token factory by positionTracking at construction;
  // overriding the offset-only one gives every token the same field set
  // (lines filled in afterwards) instead of adding fields later.
  createOffsetOnlyToken(image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType): LuaToken {
    return { image, startOffset, tokenTypeIdx, tokenType, payload: undefined, startLine: 0, endLine: 0 };
  }
}

const luaLexer = new LuaLexer(allTokens, {
  positionTracking: 'onlyOffset',
  ensureOptimizations: true,
  skipValidations: true,
});

const I_NAME = Name.tokenTypeIdx as number;
const I_STRING = ShortString.tokenTypeIdx as number;
const I_LSTRING = LongString.tokenTypeIdx as number;

/** The lexer's output for one chunk. */
export interface LexResult {
  /** All tokens; the last is a `LexError` token when lexing failed. */
  tokens: LuaToken[];
  /** lua5.1's line number at end of input (the line of `<eof>`). */
  eofLine: number;
}

/** The error a `LexError` token stands for, with the line lua5.1 reports. */
export interface LexErrorPayload extends LexErrorInfo {
  line: number;
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

/** One stretch of tokens from lexSegment. */
export interface Segment {
  tokens: LuaToken[];
  /** Offset in the source where the next segment starts (source.length at the end). */
  end: number;
  /** lua5.1's line number at `end`: the next segment's first line, or the `<eof>` line. */
  endLine: number;
  /** True when the last token is a LexError (nothing follows it). */
  failed: boolean;
}

/** Source bytes per segment (a segment grows when a token crosses its end); tests shrink it. */
export const segmentConfig = { bytes: 1 << 15 };

/**
 * Tokenises the source from `start` (at line `line`) up to a segment
 * boundary. Lexing in segments keeps token lists short-lived, which saves
 * the garbage collector most of its work on large chunks. A boundary is put
 * just after a "\n" not followed by "\r", so no token and no line break
 * ("\n\r" counts once) straddles it, except long strings, long comments
 * and strings with escaped newlines; those end in an error at the segment's
 * end, and the segment is then lexed again, twice as long.
 */
export function lexSegment(source: string, start: number, line: number, bytes = segmentConfig.bytes): Segment {
  for (let len = bytes; ; len *= 2) {
    let end = source.length;
    if (start + len < source.length) {
      let p = source.indexOf('\n', start + len);
      while (p >= 0 && source.charCodeAt(p + 1) === 13) p = source.indexOf('\n', p + 1);
      if (p >= 0) end = p + 1;
    }
    const text = start === 0 && end === source.length ? source : source.slice(start, end);
    takeLexError();
    const tokens = luaLexer.tokenize(text).tokens as LuaToken[];
    const err = takeLexError();
    if (err !== undefined && err.offset === text.length && end < source.length) continue;
    return finishSegment(text, start, line, tokens, err);
  }
}

/** The line and keyword pass over one segment's tokens, and its error token. */
function finishSegment(text: string, base: number, line: number, tokens: LuaToken[], err: LexErrorInfo | undefined): Segment {
  let errAt = text.length;
  if (err !== undefined) {
    // The failing matcher swallowed the rest of the input; if its token is
    // not skipped it is the last one, and the error token replaces it.
    const last = tokens[tokens.length - 1];
    if (last !== undefined && last.startOffset + last.image.length === text.length) {
      errAt = last.startOffset;
      tokens.pop();
    }
  }
  let pos = 0;
  const n = tokens.length;
  for (let k = 0; k < n; k++) {
    const t = tokens[k] as LuaToken;
    const start = t.startOffset;
    for (let i = pos; i < start; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        line++;
        const d = text.charCodeAt(i + 1);
        if ((d === 10 || d === 13) && d !== c && i + 1 < start) i++;
      }
    }
    t.startLine = line;
    t.startOffset = start + base;
    const type = t.tokenTypeIdx;
    if (type === I_NAME) {
      const kw = keywords.get(t.image);
      if (kw !== undefined) {
        t.tokenType = kw;
        t.tokenTypeIdx = kw.tokenTypeIdx as number;
      }
    } else if (type === I_STRING || type === I_LSTRING) {
      line += countLineBreaks(t.image, 0, t.image.length);
    }
    t.endLine = line;
    pos = start + t.image.length;
  }
  if (err !== undefined) {
    const errLine = line + countLineBreaks(text, pos, err.offset);
    const payload: LexErrorPayload = { ...err, offset: err.offset + base, line: errLine };
    tokens.push({
      image: '', startOffset: errAt + base, tokenTypeIdx: LexError.tokenTypeIdx as number, tokenType: LexError,
      payload, startLine: errLine, endLine: errLine,
    });
    return { tokens, end: base + text.length, endLine: errLine, failed: true };
  }
  return { tokens, end: base + text.length, endLine: line + countLineBreaks(text, pos, text.length), failed: false };
}

/** Tokenises a whole chunk (a byte string, one byte per code unit). */
export function tokenize(source: string): LexResult {
  const tokens: LuaToken[] = [];
  let start = 0;
  let line = 1;
  for (;;) {
    const seg = lexSegment(source, start, line);
    for (const t of seg.tokens) tokens.push(t);
    if (seg.failed || seg.end >= source.length) return { tokens, eofLine: seg.endLine };
    start = seg.end;
    line = seg.endLine;
  }
}
