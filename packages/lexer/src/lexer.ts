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
// Speed: Chevrotain tracks only offsets (its own line tracking re-scans
// every token); the matchers keep lua5.1's line count as they skip white
// space (see matchers.ts). The token factory below is called by Chevrotain
// right after each match; instead of an object per token it appends the
// token to a TokenBuffer (parallel typed arrays: type, offset, lines, plus
// image and payload), with its line, keyword type and offset in the whole
// source, so lexing allocates nothing per token beyond the image and
// payload strings, and needs no second pass. The parser reads the buffer;
// tokenize() builds token objects from it for everyone else.
import { Lexer, type IToken, type TokenType } from 'chevrotain';
import { allTokens, keywordTypes, LexError } from './tokens.js';
import { resetScan, scan, type LexErrorInfo } from './matchers.js';

/** The token objects tokenize() hands out. */
export interface LuaToken extends IToken {
  startLine: number;
  endLine: number;
  payload: unknown;
}

/** The error a `LexError` token stands for, with the line lua5.1 reports. */
export interface LexErrorPayload extends LexErrorInfo {
  line: number;
}

/**
 * Tokens as parallel arrays, appended by lexSegment: token i has type
 * `kind[i]` (a tokenTypeIdx), source offset `start[i]`, lines
 * `startLine[i]`..`endLine[i]` (lua5.1's, see the invariants above), the
 * matched text `image[i]` and `payload[i]` (a string's bytes, a numeral's
 * value, a LexError's LexErrorPayload). A consumer that keeps a buffer
 * across segments drops what it has read with `shift`.
 */
export class TokenBuffer {
  kind: Int32Array = new Int32Array(64);
  start: Int32Array = new Int32Array(64);
  startLine: Int32Array = new Int32Array(64);
  endLine: Int32Array = new Int32Array(64);
  image: string[] = [];
  payload: unknown[] = [];
  length = 0;

  /** Makes room for `n` more tokens (the typed arrays may be replaced: re-read them after). */
  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.kind.length) return;
    const cap = Math.max(need, this.kind.length * 2);
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.kind = grow(this.kind);
    this.start = grow(this.start);
    this.startLine = grow(this.startLine);
    this.endLine = grow(this.endLine);
  }

  /** Appends a token (room must have been reserved). */
  push(kind: number, start: number, startLine: number, endLine: number, image: string, payload: unknown): void {
    const i = this.length++;
    this.kind[i] = kind;
    this.start[i] = start;
    this.startLine[i] = startLine;
    this.endLine[i] = endLine;
    this.image[i] = image;
    this.payload[i] = payload;
  }

  /** Drops tokens [0, from), moving the rest to the front. */
  shift(from: number): void {
    const n = this.length - from;
    if (from === 0) return;
    this.kind.copyWithin(0, from, this.length);
    this.start.copyWithin(0, from, this.length);
    this.startLine.copyWithin(0, from, this.length);
    this.endLine.copyWithin(0, from, this.length);
    for (let i = 0; i < n; i++) {
      this.image[i] = this.image[from + i] as string;
      this.payload[i] = this.payload[from + i];
    }
    this.length = n;
  }
}

const KEYWORD_IDX = keywordTypes.map((t) => (t === undefined ? 0 : t.tokenTypeIdx as number));

/** What the token factory returns to Chevrotain, which keeps nothing of it (see addTokenUsingPush). */
const NO_TOKEN: IToken = { image: '', startOffset: 0, tokenTypeIdx: 0, tokenType: LexError };

class LuaLexer extends Lexer {
  /** Where the tokens of the current tokenize() go, and the offset of its text in the source. */
  buf = new TokenBuffer();
  base = 0;

  // Chevrotain internals, overridden (chevrotain 11: Lexer's constructor
  // binds createTokenInstance to createOffsetOnlyToken for 'onlyOffset'
  // tracking, and addToken to addTokenUsingPush when custom matchers
  // exist). The factory appends the token to `buf` while `scan` still
  // describes the match, and Chevrotain's own token array stays empty.
  createOffsetOnlyToken(image: string, startOffset: number, tokenTypeIdx: number): IToken {
    const s = scan;
    const b = this.buf;
    const i = b.length++;
    b.kind[i] = s.keyword === 0 ? tokenTypeIdx : KEYWORD_IDX[s.keyword] as number;
    b.start[i] = startOffset + this.base;
    b.startLine[i] = s.line;
    if (s.innerLines !== 0) {
      s.line += s.innerLines;
      s.innerLines = 0;
    }
    b.endLine[i] = s.line;
    b.image[i] = image;
    b.payload[i] = s.payload;
    s.keyword = 0;
    s.payload = undefined;
    return NO_TOKEN;
  }

  addTokenUsingPush(_tokens: IToken[], index: number): number {
    return index;
  }
}

// The overrides above must replace methods Chevrotain really calls; fail at
// load rather than lex nothing if an upgrade renamed them.
for (const m of ['createOffsetOnlyToken', 'addTokenUsingPush']) {
  if (typeof (Lexer.prototype as unknown as Record<string, unknown>)[m] !== 'function') {
    throw new Error(`@valua/lexer: chevrotain's Lexer has no ${m} (internals changed; see lexer.ts)`);
  }
}

const luaLexer = new LuaLexer(allTokens, {
  positionTracking: 'onlyOffset',
  ensureOptimizations: true,
  skipValidations: true,
});

/** The lexer's output for one chunk. */
export interface LexResult {
  /** All tokens; the last is a `LexError` token when lexing failed. */
  tokens: LuaToken[];
  /** lua5.1's line number at end of input (the line of `<eof>`). */
  eofLine: number;
}

/** Where one lexSegment call ended. */
export interface Segment {
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
 * boundary, appending the tokens to `buf`. Lexing in segments keeps the
 * token buffer small and reused. A boundary is put just after a "\n" not
 * followed by "\r", so no token and no line break ("\n\r" counts once)
 * straddles it, except long strings, long comments and strings with escaped
 * newlines; those end in an error at the segment's end, and the segment is
 * then lexed again, twice as long.
 */
export function lexSegment(buf: TokenBuffer, source: string, start: number, line: number,
  bytes = segmentConfig.bytes): Segment {
  const first = buf.length;
  for (let len = bytes; ; len *= 2) {
    let end = source.length;
    if (start + len < source.length) {
      let p = source.indexOf('\n', start + len);
      while (p >= 0 && source.charCodeAt(p + 1) === 13) p = source.indexOf('\n', p + 1);
      if (p >= 0) end = p + 1;
    }
    const text = start === 0 && end === source.length ? source : source.slice(start, end);
    // Every token is at least one byte; one more slot for the error or EOF token.
    buf.length = first;
    buf.reserve(text.length + 2);
    resetScan(line);
    luaLexer.buf = buf;
    luaLexer.base = start;
    luaLexer.tokenize(text);
    const err = scan.error;
    if (err !== undefined && err.offset === text.length && end < source.length) continue;
    if (err === undefined) return { end: start + text.length, endLine: scan.line, failed: false };
    return failSegment(buf, first, text, start, err, scan.errorLine);
  }
}

/** Ends a segment's tokens (from index `first`) with the LexError token for `err`. */
function failSegment(buf: TokenBuffer, first: number, text: string, base: number, err: LexErrorInfo,
  line: number): Segment {
  let errAt = text.length;
  // The failing matcher swallowed the rest of the input; if its token is
  // not skipped it is the last one, and the error token replaces it.
  const last = buf.length - 1;
  if (last >= first && buf.start[last] as number - base + (buf.image[last] as string).length === text.length) {
    errAt = buf.start[last] as number - base;
    buf.length--;
  }
  const payload: LexErrorPayload = { ...err, offset: err.offset + base, line };
  buf.push(LexError.tokenTypeIdx as number, errAt + base, line, line, '', payload);
  return { end: base + text.length, endLine: line, failed: true };
}

/** Token types by tokenTypeIdx, for tokenize()'s objects. */
const TYPE_BY_IDX: TokenType[] = [];
for (const t of allTokens) TYPE_BY_IDX[t.tokenTypeIdx as number] = t;

/** Tokenises a whole chunk (a byte string, one byte per code unit) into token objects. */
export function tokenize(source: string): LexResult {
  const tokens: LuaToken[] = [];
  const buf = new TokenBuffer();
  let start = 0;
  let line = 1;
  for (;;) {
    buf.length = 0;
    const seg = lexSegment(buf, source, start, line);
    for (let i = 0; i < buf.length; i++) {
      const tokenTypeIdx = buf.kind[i] as number;
      tokens.push({
        image: buf.image[i] as string, startOffset: buf.start[i] as number, tokenTypeIdx,
        tokenType: TYPE_BY_IDX[tokenTypeIdx] as TokenType, payload: buf.payload[i],
        startLine: buf.startLine[i] as number, endLine: buf.endLine[i] as number,
      });
    }
    if (seg.failed || seg.end >= source.length) return { tokens, eofLine: seg.endLine };
    start = seg.end;
    line = seg.endLine;
  }
}
