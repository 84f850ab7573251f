// The Lua 5.1 token vocabulary as Chevrotain token types, in matching order.
//
// Invariants:
// - Every byte of any input is matched by some token type (`Other` is the
//   catch-all for bytes Lua returns as single-character tokens, such as
//   control characters, `~`, `!` or bytes >= 0x80), so the Chevrotain lexer
//   itself never reports an error; Lua's lexical errors come from the custom
//   matchers in matchers.ts and surface as one `LexError` token.
// - Keywords are not matched by the Chevrotain lexer: every word is matched
//   as a `Name`, whose matcher recognises the 21 reserved words, and the
//   token factory (lexer.ts) gives those their keyword type.
// - `BinaryOp` and `UnaryOp` are categories; `-` belongs to both.
// - Every custom matcher has start_chars_hint, so Chevrotain's first-byte
//   table holds all patterns (`ensureOptimizations` in lexer.ts checks it)
//   and each byte tries only the few patterns that can start with it.
import { createToken, Lexer, type TokenType } from 'chevrotain';
import {
  KEYWORDS, matchBlank, matchConcat, matchDots, matchLongString, matchName, matchNumber, matchOther,
  matchShortString, pairMatcher,
} from './matchers.js';

export const BinaryOp = createToken({ name: 'BinaryOp', pattern: Lexer.NA });
export const UnaryOp = createToken({ name: 'UnaryOp', pattern: Lexer.NA });

// isspace() in the C locale and comments, skipped as one stretch; its
// matcher counts the line breaks.
export const Blank = createToken({
  name: 'Blank',
  pattern: { exec: matchBlank },
  start_chars_hint: [' ', '\t', '\n', '\v', '\f', '\r', '-'],
  group: Lexer.SKIPPED,
  line_breaks: true,
});

export const ShortString = createToken({
  name: 'ShortString',
  pattern: { exec: matchShortString },
  start_chars_hint: ['"', "'"],
  line_breaks: true,
});

export const LongString = createToken({
  name: 'LongString',
  pattern: { exec: matchLongString },
  start_chars_hint: ['['],
  line_breaks: true,
});

export const Numeral = createToken({
  name: 'Numeral',
  pattern: { exec: matchNumber },
  start_chars_hint: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.'],
  line_breaks: false,
});

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_'.split('');
export const Name = createToken({
  name: 'Name', pattern: { exec: matchName }, start_chars_hint: LETTERS, line_breaks: false,
});

function keyword(word: string, categories: TokenType[] = []): TokenType {
  return createToken({ name: word, pattern: Lexer.NA, categories });
}

export const And = keyword('and', [BinaryOp]);
export const Break = keyword('break');
export const Do = keyword('do');
export const Else = keyword('else');
export const Elseif = keyword('elseif');
export const End = keyword('end');
export const False = keyword('false');
export const For = keyword('for');
export const FunctionKw = keyword('function');
export const If = keyword('if');
export const In = keyword('in');
export const Local = keyword('local');
export const Nil = keyword('nil');
export const Not = keyword('not', [UnaryOp]);
export const Or = keyword('or', [BinaryOp]);
export const Repeat = keyword('repeat');
export const Return = keyword('return');
export const Then = keyword('then');
export const True = keyword('true');
export const Until = keyword('until');
export const While = keyword('while');

// lua5.1 reads '.' followed by '.' or NUL as '..' (check_next uses strchr,
// which also finds the terminating NUL), hence custom matchers.
export const Dots = createToken({
  name: 'Dots', pattern: { exec: matchDots }, start_chars_hint: ['.'], line_breaks: false,
});
export const Concat = createToken({
  name: 'Concat', pattern: { exec: matchConcat }, start_chars_hint: ['.'], line_breaks: false,
  categories: [BinaryOp],
});
export const Dot = createToken({ name: 'Dot', pattern: '.' });

export const Eq = createToken({
  name: 'Eq', pattern: { exec: pairMatcher('==') }, start_chars_hint: ['='], line_breaks: false, categories: [BinaryOp],
});
export const Assign = createToken({ name: 'Assign', pattern: '=' });
export const Le = createToken({
  name: 'Le', pattern: { exec: pairMatcher('<=') }, start_chars_hint: ['<'], line_breaks: false, categories: [BinaryOp],
});
export const Lt = createToken({ name: 'Lt', pattern: '<', categories: [BinaryOp] });
export const Ge = createToken({
  name: 'Ge', pattern: { exec: pairMatcher('>=') }, start_chars_hint: ['>'], line_breaks: false, categories: [BinaryOp],
});
export const Gt = createToken({ name: 'Gt', pattern: '>', categories: [BinaryOp] });
export const Ne = createToken({
  name: 'Ne', pattern: { exec: pairMatcher('~=') }, start_chars_hint: ['~'], line_breaks: false, categories: [BinaryOp],
});
export const Plus = createToken({ name: 'Plus', pattern: '+', categories: [BinaryOp] });
export const Minus = createToken({ name: 'Minus', pattern: '-', categories: [BinaryOp, UnaryOp] });
export const Star = createToken({ name: 'Star', pattern: '*', categories: [BinaryOp] });
export const Slash = createToken({ name: 'Slash', pattern: '/', categories: [BinaryOp] });
export const Percent = createToken({ name: 'Percent', pattern: '%', categories: [BinaryOp] });
export const Caret = createToken({ name: 'Caret', pattern: '^', categories: [BinaryOp] });
export const Hash = createToken({ name: 'Hash', pattern: '#', categories: [UnaryOp] });
export const LParen = createToken({ name: 'LParen', pattern: '(' });
export const RParen = createToken({ name: 'RParen', pattern: ')' });
export const LBrace = createToken({ name: 'LBrace', pattern: '{' });
export const RBrace = createToken({ name: 'RBrace', pattern: '}' });
export const LBracket = createToken({ name: 'LBracket', pattern: '[' });
export const RBracket = createToken({ name: 'RBracket', pattern: ']' });
export const Semi = createToken({ name: 'Semi', pattern: ';' });
export const Colon = createToken({ name: 'Colon', pattern: ':' });
export const Comma = createToken({ name: 'Comma', pattern: ',' });

/**
 * Any other byte: a single-character token no grammar rule accepts. Its
 * hints cover every first-byte bucket of Chevrotain's table (bytes 0-255
 * one by one; a code unit above 255, which a byte string never holds, by
 * one code per bucket of 255 codes, as charCodeToOptimizedIndex groups
 * them), so no code unit is left without a pattern.
 */
const ANY_CHAR: number[] = [];
for (let c = 0; c < 256; c++) ANY_CHAR.push(c);
for (let k = 1; k <= 257; k++) ANY_CHAR.push(Math.max(256, 255 * k));
export const Other = createToken({
  name: 'Other', pattern: { exec: matchOther }, start_chars_hint: ANY_CHAR, line_breaks: false,
});

/** Stands for a lexical error; it ends the token stream (see lexer.ts). */
export const LexError = createToken({ name: 'LexError', pattern: Lexer.NA });

/** Matching order: custom matchers before the fixed tokens sharing their first byte; then the
 *  types the lexer never matches itself (categories, the error token, keywords). */
export const allTokens: TokenType[] = [
  Blank, ShortString, LongString, Numeral,
  Name,
  Dots, Concat, Dot,
  Eq, Assign, Le, Lt, Ge, Gt, Ne, Plus, Minus, Star, Slash, Percent, Caret, Hash,
  LParen, RParen, LBrace, RBrace, LBracket, RBracket, Semi, Colon, Comma,
  Other,
  BinaryOp, UnaryOp, LexError,
  And, Break, Do, Elseif, Else, End, False, For, FunctionKw, If, In, Local, Nil, Not,
  Or, Repeat, Return, Then, True, Until, While,
];

/** The keyword types in KEYWORDS order, at index KEYWORDS index + 1 (what the Name matcher reports). */
export const keywordTypes: readonly (TokenType | undefined)[] = [undefined, ...KEYWORDS.map((w) => {
  const t = [And, Break, Do, Else, Elseif, End, False, For, FunctionKw, If, In, Local, Nil, Not,
    Or, Repeat, Return, Then, True, Until, While].find((k) => k.name === w);
  if (t === undefined) throw new Error(`no token type for keyword ${w}`);
  return t;
})];
