import fc from 'fast-check';
import { tokenize, type LuaToken } from '../src/lexer.js';
import * as T from '../src/tokens.js';
import { luaMap } from './support/lua.js';

const evalLua = (literals: string[]): string[] => luaMap('function(s) return loadstring("return " .. s)() end', literals);

/** Writes the bytes of `s` as a Lua 5.1 string literal, choosing escapes at random from `choices`. */
const literalOf = fc.tuple(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 16 }), fc.array(fc.nat(), { minLength: 16, maxLength: 16 }), fc.constantFrom('"', "'"))
  .map(([codes, choices, q]) => {
    let out = q;
    codes.forEach((c, i) => {
      const ch = String.fromCharCode(c);
      const pick = (choices[i] ?? 0) % 4;
      const next = codes[i + 1];
      const nextIsDigit = next !== undefined && next >= 48 && next <= 57;
      const named: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };
      if (c === 10 && pick === 0) out += '\\\n';
      else if (c === 10 && pick === 1) out += '\\\r\n';
      else if (named[c] !== undefined && pick < 3) out += named[c];
      else if (ch === q || ch === '\\' || c === 10 || c === 13 || pick === 2) out += '\\' + (nextIsDigit ? String(c).padStart(3, '0') : String(c));
      else if (pick === 3 && /[a-zA-Z]/.test(ch) && !'abfnrtv'.includes(ch)) out += '\\' + ch; // unknown escape keeps the char
      else out += ch;
    });
    return out + q;
  });
const longLiteral = fc.tuple(fc.array(fc.constantFrom('a', ']', '=', '[=', ' ', '\n', '\r\n', '\n\r', '\r', 'x]=', '\0', '\xff'), { maxLength: 10 }), fc.integer({ min: 1, max: 3 }), fc.boolean())
  .filter(([parts, level]) => !parts.join('').includes(']' + '='.repeat(level) + ']') && !parts.join('').endsWith(']' + '='.repeat(level)))
  .map(([parts, level, nl]) => {
    const eq = '='.repeat(level);
    return `[${eq}[${nl ? '\n' : ''}${parts.join('')}]${eq}]`;
  });

function only(src: string): LuaToken {
  const { tokens } = tokenize(src);
  expect(tokens).toHaveLength(1);
  return tokens[0] as LuaToken;
}

describe('tokenize', () => {
  it('decodes short strings exactly as lua5.1', () => {
    const lits = fc.sample(literalOf, { numRuns: 1500, seed: Date.now() % 99991 });
    const expected = evalLua(lits);
    expect(lits.map((l) => only(l).payload)).toEqual(expected);
    expect(lits.every((l) => only(l).tokenType === T.ShortString)).toBe(true);
  });

  it('decodes long strings exactly as lua5.1 (first newline skipped, any line break is "\\n")', () => {
    const lits = fc.sample(longLiteral, { numRuns: 800, seed: Date.now() % 99989 });
    expect(lits.map((l) => only(l).payload)).toEqual(evalLua(lits));
  });

  it('reads numerals greedily and converts them as lua5.1', () => {
    const nums = ['3', '3.0', '3.1416', '314.16e-2', '0.31416E1', '0xff', '0x56', '.5', '5.', '1e10', '0x1p4', '007', '1E+2', '0xA'];
    expect(nums.map((n) => String(only(n).payload))).toEqual(luaMap('function(s) return loadstring("return " .. s)() end', nums));
    expect(tokenize('3..2').tokens.map((t) => t.tokenType)).toEqual([T.LexError]);
    expect(tokenize('a..b').tokens.map((t) => t.tokenType)).toEqual([T.Name, T.Concat, T.Name]);
  });

  it('tells keywords from names', () => {
    const { tokens } = tokenize('and break do else elseif end false for function if in local nil not or repeat return then true until while endx _end End');
    expect(tokens.map((t) => t.tokenType.name)).toEqual([
      'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'if', 'in', 'local', 'nil', 'not', 'or',
      'repeat', 'return', 'then', 'true', 'until', 'while', 'Name', 'Name', 'Name',
    ]);
  });

  it('counts lines as lua5.1 ("\\r\\n" and "\\n\\r" are one break, "\\r\\r" two)', () => {
    const soup = fc.array(fc.constantFrom('\n', '\r', '\r\n', '\n\r', ' ', '-- c\n', '--[[\n\r]]', '--[==[\r\r]==]', 'x = [[\n\n]]\n', 'y = "a\\\r\nb"\n', '\t', '\f', '\v'), { maxLength: 12 })
      .map((p) => p.join(''));
    const srcs = fc.sample(soup, { numRuns: 500, seed: Date.now() % 99971 });
    // lua5.1 reports the '<eof>' line when the chunk ends in "x =".
    const lua = luaMap('function(s) local f, e = loadstring(s .. " x ="); return e:match(":(%d+):") end', srcs);
    expect(srcs.map((s) => String(tokenize(s + ' x =').eofLine))).toEqual(lua);
  });

  it('gives each token its start and end line', () => {
    const { tokens } = tokenize('a\r\nb\n\rc\r\rd [[x\ny]] e "f\\\ng" h');
    expect(tokens.map((t) => [t.image.slice(0, 1), t.startLine, t.endLine])).toEqual([
      ['a', 1, 1], ['b', 2, 2], ['c', 3, 3], ['d', 5, 5], ['[', 5, 6], ['e', 6, 6], ['"', 6, 7], ['h', 7, 7],
    ]);
  });

  it('ends the token list with a LexError carrying lua5.1\'s message and line', () => {
    const { tokens } = tokenize('x = 1\ny = "abc\nz');
    const last = tokens[tokens.length - 1] as LuaToken;
    expect(last.tokenType).toBe(T.LexError);
    expect(last.payload).toMatchObject({ message: 'unfinished string', near: '"abc', line: 2 });
    expect(tokens.map((t) => t.image)).toEqual(['x', '=', '1', 'y', '=', '']);
  });

  it('matches every byte, so odd bytes become single-character tokens', () => {
    const { tokens } = tokenize('\x01~!\xff\u0100');
    expect(tokens.map((t) => t.tokenType)).toEqual([T.Other, T.Other, T.Other, T.Other, T.Other]);
  });

  it('matches every code unit above 255 too (each bucket of the first-byte table has a pattern)', () => {
    let src = '';
    for (let c = 256; c < 65536; c++) src += String.fromCharCode(c);
    const { tokens } = tokenize(src);
    expect(tokens.length).toBe(src.length);
    expect(tokens.every((t, i) => t.tokenType === T.Other && t.image === src.charAt(i))).toBe(true);
  });

  it('gives names their own text and keywords their type, met first or again (the name cache)', () => {
    const KW = new Set(['and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'if', 'in', 'local',
      'nil', 'not', 'or', 'repeat', 'return', 'then', 'true', 'until', 'while']);
    const word = fc.oneof(
      fc.constantFrom(...KW, 'ends', 'En', 'x', '_', 'self', 'print'),
      fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,9}$/),
    );
    // Many names of a few lengths, repeated, so cache slots are shared and replaced.
    const words = fc.sample(word, { numRuns: 6000, seed: Date.now() % 99961 });
    const src = [...words, ...words.slice().reverse()].join(' ');
    const { tokens } = tokenize(src);
    const expected = src.split(' ');
    expect(tokens.map((t) => t.image)).toEqual(expected);
    expect(tokens.map((t) => t.tokenType.name)).toEqual(expected.map((w) => (KW.has(w) ? w : 'Name')));
  });
});
