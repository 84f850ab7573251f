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
// space (see matchers.ts) and the token factory below stamps each token with
// it, with its keyword type and with its offset in the whole source, so no
// second pass over the tokens or the text is needed.
import { Lexer, type IToken, type TokenType } from 'chevrotain';
import { allTokens, keywordTypes, LexError } from './tokens.js';
import { countLineBreaks, resetScan, scan, type LexErrorInfo } from './matchers.js';

export { countLineBreaks };

/** The token objects we hand out: all fields present from the start, so they share one shape. */
export interface LuaToken extends IToken {
  startLine: number;
  endLine: number;
  payload: unknown;
}

class LuaLexer extends Lexer {
  /** Offset of the lexed text in the whole source. */
  base = 0;

  // Chevrotain picks its token factory by positionTracking at construction;
  // overriding the offset-only one gives every token the same field set, and
  // it is called right after each match, while `scan` describes that match.
  createOffsetOnlyToken(image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType): LuaToken {
    const s = scan;
    const startLine = s.line;
    let endLine = startLine;
    if (s.innerLines !== 0) {
      endLine += s.innerLines;
      s.line = endLine;
      s.innerLines = 0;
    }
    if (s.keyword !== 0) {
      tokenType = keywordTypes[s.keyword] as TokenType;
      tokenTypeIdx = tokenType.tokenTypeIdx as number;
      s.keyword = 0;
    }
    return { image, startOffset: startOffset + this.base, tokenTypeIdx, tokenType, payload: undefined, startLine, endLine };
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

/** The error a `LexError` token stands for, with the line lua5.1 reports. */
export interface LexErrorPayload extends LexErrorInfo {
  line: number;
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
    resetScan(line);
    luaLexer.base = start;
    const tokens = luaLexer.tokenize(text).tokens as LuaToken[];
    const err = scan.error;
    if (err !== undefined && err.offset === text.length && end < source.length) continue;
    if (err === undefined) return { tokens, end: start + text.length, endLine: scan.line, failed: false };
    return failSegment(text, start, tokens, err, scan.errorLine);
  }
}

/** Ends a segment's tokens with the LexError token for `err`. */
function failSegment(text: string, base: number, tokens: LuaToken[], err: LexErrorInfo, line: number): Segment {
  let errAt = text.length;
  // The failing matcher swallowed the rest of the input; if its token is
  // not skipped it is the last one, and the error token replaces it.
  const last = tokens[tokens.length - 1];
  if (last !== undefined && last.startOffset - base + last.image.length === text.length) {
    errAt = last.startOffset - base;
    tokens.pop();
  }
  const payload: LexErrorPayload = { ...err, offset: err.offset + base, line };
  tokens.push({
    image: '', startOffset: errAt + base, tokenTypeIdx: LexError.tokenTypeIdx as number, tokenType: LexError,
    payload, startLine: line, endLine: line,
  });
  return { tokens, end: base + text.length, endLine: line, failed: true };
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
