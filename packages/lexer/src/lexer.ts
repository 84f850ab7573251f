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
import { Lexer, type IToken } from 'chevrotain';
import { allTokens, LexError } from './tokens.js';
import { lexErrorState, takeLexError, type LexErrorInfo } from './matchers.js';

const luaLexer = new Lexer(allTokens, {
  positionTracking: 'full',
  // lua5.1's inclinenumber: "\n", "\r", "\n\r", "\r\n" are one line break each.
  lineTerminatorsPattern: /\n\r?|\r\n?/g,
  lineTerminatorCharacters: ['\n', '\r'],
  ensureOptimizations: true,
  skipValidations: true,
});

/** The lexer's output for one chunk. */
export interface LexResult {
  /** All tokens; the last is a `LexError` token when lexing failed. */
  tokens: IToken[];
  /** lua5.1's line number at end of input (the line of `<eof>`). */
  eofLine: number;
}

/** The error a `LexError` token stands for, with the line lua5.1 reports. */
export interface LexErrorPayload extends LexErrorInfo {
  line: number;
}

/** Number of line breaks in text[from, to), counted as lua5.1 does. */
export function countLineBreaks(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines++;
      const d = text.charCodeAt(i + 1);
      if (i + 1 < to && (d === 10 || d === 13) && d !== c) i++;
    }
  }
  return lines;
}

/** Tokenises a whole chunk (a byte string, one byte per code unit). */
export function tokenize(source: string): LexResult {
  lexErrorState.error = undefined;
  const result = luaLexer.tokenize(source);
  const tokens = result.tokens;
  const err = takeLexError();
  if (err !== undefined) {
    // The failing matcher swallowed the rest of the input; if its token is
    // not skipped it is the last one, and it is replaced by the error token.
    const last = tokens[tokens.length - 1];
    let start = source.length;
    if (last !== undefined && last.endOffset === source.length - 1 && last.tokenType !== LexError) {
      start = last.startOffset;
      tokens.pop();
    }
    const line = 1 + countLineBreaks(source, 0, err.offset);
    const payload: LexErrorPayload = { ...err, line };
    tokens.push(makeErrorToken(start, line, payload));
    return { tokens, eofLine: line };
  }
  const last = tokens[tokens.length - 1];
  const eofLine = last === undefined
    ? 1 + countLineBreaks(source, 0, source.length)
    : (last.endLine ?? 1) + countLineBreaks(source, (last.endOffset ?? 0) + 1, source.length);
  return { tokens, eofLine };
}

function makeErrorToken(offset: number, line: number, payload: LexErrorPayload): IToken {
  return {
    image: '',
    startOffset: offset,
    endOffset: offset,
    startLine: line,
    endLine: line,
    startColumn: 0,
    endColumn: 0,
    tokenType: LexError,
    tokenTypeIdx: LexError.tokenTypeIdx as number,
    payload,
  };
}
