// Tokenising a Lua 5.1 byte string up front, with lua5.1's lazy errors.
//
// lua5.1 lexes on demand, so a lexical error only surfaces when the parser
// asks for the bad token. We tokenise everything first; a lexical error ends
// the token list with one `LexError` token whose payload is the error, and
// the parser raises it when that token becomes its current token.
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

/** Tokenises a whole chunk (a byte string, one byte per code unit). */
export function tokenize(source: string): LexResult {
  takeLexError();
  const tokens = luaLexer.tokenize(source).tokens as LuaToken[];
  const err = takeLexError();
  let end = source.length;
  if (err !== undefined) {
    // The failing matcher swallowed the rest of the input; if its token is
    // not skipped it is the last one, and the error token replaces it.
    const last = tokens[tokens.length - 1];
    if (last !== undefined && last.startOffset + last.image.length === source.length) {
      end = last.startOffset;
      tokens.pop();
    }
  }
  // Lines and keywords, in one pass.
  let line = 1;
  let pos = 0;
  const n = tokens.length;
  for (let k = 0; k < n; k++) {
    const t = tokens[k] as LuaToken;
    const start = t.startOffset;
    for (let i = pos; i < start; i++) {
      const c = source.charCodeAt(i);
      if (c === 10 || c === 13) {
        line++;
        const d = source.charCodeAt(i + 1);
        if ((d === 10 || d === 13) && d !== c && i + 1 < start) i++;
      }
    }
    t.startLine = line;
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
    const errLine = 1 + countLineBreaks(source, 0, err.offset);
    const payload: LexErrorPayload = { ...err, line: errLine };
    tokens.push({
      image: '', startOffset: end, tokenTypeIdx: LexError.tokenTypeIdx as number, tokenType: LexError,
      payload, startLine: errLine, endLine: errLine,
    });
    return { tokens, eofLine: errLine };
  }
  return { tokens, eofLine: line + countLineBreaks(source, pos, source.length) };
}
