import { parse, LuaSyntaxError } from '@valua/parser';
import { luaLoadstring, luacParse } from './support/lua-oracle.js';

/** Valua's verdict in the oracle's format. */
function valua(src: string, name: string, cCalls: number): string {
  try {
    parse(src, name, { cCalls });
    return 'OK';
  } catch (e) {
    if (e instanceof LuaSyntaxError) return e.message;
    throw e;
  }
}

const ERRORS: string[] = [
  'x = = "abc', 'x = "abc', 'x = "abc\ny', 'x = "a\\300"', 'x = [==x', 'x = 3x', 'x = [[a [[ b]]',
  '--[[ a', 'x = [[ a', 'local 1', 'x', 'x.y', 'f() = 1', '(a) = 1', 'a, (b) = 1, 2', 'break',
  'function f() return ... end', 'local function f(...) return function() return ... end end',
  'f\n(1)', 'x = 1 +', 'x = +1', 'return return', 'return 1 end', 'if x then', 'if x then\nelse\n',
  'function f()\n\n', 'do end end', 'for i do end', 'for 1 = 1 do end', 'for i = 1 do end',
  'for a, b = 1 do end', 'function f(a, 1) end', 'a:b', 'a:b.c()', 'x = {1, 2', 'x = {1, 2\n}', 'x = {\n1, 2',
  'x = (1', 'x = (\n1', 'x = a[1', 'x = ~1', 'x ~ y', 'x = 1 \x01', 'x = 1 \0 y = 2',
  'return 1\0 + 2', 'return 1\0 garbage', '\xef\xbb\xbfx = 1', '#!/bin/lua\nx = 1', 'x = 0x', 'x = 1e',
  'x = 1..2', 'x = 1.2.3', 'x = .5 .. .6', 'x = a..b', 'x = ...', 'local x <const> = 1', 'goto x',
  'x = 1 // 2', 'x = 1 & 2', 'repeat local x until x', 'repeat until', 'while true do',
  'local function', 'local function f', 'function', 'function a.', 'function a:b.c() end',
  'x = function', 'x = {[1] 2}', 'x = {a = }', 'x = {a b}', 'x = {f "s" "t"}', 'return;', 'return 1;;',
  'x = "\\q\\x41\\65\\\n"', 'x = [==[\nabc]==] .. [[\r\nx]] y', 'x = nil nil', 'a.b.c = 1 2',
];

describe('parse (against lua5.1 loadstring)', () => {
  it('accepts or rejects every snippet exactly as lua5.1, with the same message', () => {
    const cases = ERRORS.map((s) => [s, s] as const);
    const expected = luaLoadstring(cases);
    const got = cases.map(([s, n]) => valua(s, n, 2));
    expect(got).toEqual(expected);
  });

  it('uses the =name and @file chunk names', () => {
    const cases = [['x = ', '=stdin'], ['x = ', '@some/file.lua'], ['x = ', '@' + 'd/'.repeat(50) + 'f.lua']] as const;
    expect(cases.map(([s, n]) => valua(s, n, 2))).toEqual(luaLoadstring(cases));
  });
});

describe('parse (against luac5.1 -p)', () => {
  it('reports syntax levels like luac', () => {
    for (const n of [197, 198]) {
      const src = 'x = ' + '('.repeat(n) + '1' + ')'.repeat(n);
      const { message, chunkName } = luacParse(src);
      expect(valua(src, chunkName, 1)).toEqual(message);
    }
  });
});
