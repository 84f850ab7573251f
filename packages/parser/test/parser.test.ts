import fc from 'fast-check';
import { parse, printChunk, LuaSyntaxError } from '@valua/parser';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chunkArb } from './support/ast-arbitrary.js';
// The lexer's segment size is an internal of the lexer package.
import { segmentConfig } from '../../lexer/src/lexer.js';
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
  'a b', 'a.b c = 1', 'local function f()\n\nif x then\n', 'function f()\nlocal x = {\n\n', 'f(\n1,\n2',
  'x = [=[\nabc', 'x = "abc\\\ndef', 'x = "abc\\\r\ndef\r\n', 'while 1 do\n\nend\nuntil', 'for i = 1, 2\nx',
  'x = 5 ..\n"x" .. y(', 'a:b\n(1)', 'a.b\n"s"', 'return 1,', 'return (', 'x = {[1] = 2 3}', 'x = #',
  'if x then else elseif y then end', 'repeat break until 1 break', 'x = not', 'x = - -', 'local t = {...}',
  'function f(...) local g = function() return arg end end', 'x = 0x1p-2', 'x = 1e+', 'x = 1\0e5',
  'x = "\\q\\x41\\65\\\n"', 'x = [==[\nabc]==] .. [[\r\nx]] y', 'x = nil nil', 'a.b.c = 1 2',
];

describe('parse (against lua5.1 loadstring)', () => {
  it('accepts or rejects every snippet exactly as lua5.1, with the same message', () => {
    const cases = ERRORS.map((s) => [s, s] as const);
    const expected = luaLoadstring(cases);
    const got = cases.map(([s, n]) => valua(s, n, 2));
    expect(got).toEqual(expected);
  });

  it('gives the same messages as luac5.1 -p on files', () => {
    for (const src of ERRORS.slice(0, 40)) {
      const { message, chunkName } = luacParse(src);
      expect(valua(src, chunkName, 1)).toEqual(message);
    }
  });

  it('uses the =name and @file chunk names', () => {
    const cases = [['x = ', '=stdin'], ['x = ', '@some/file.lua'], ['x = ', '@' + 'd/'.repeat(50) + 'f.lua']] as const;
    expect(cases.map(([s, n]) => valua(s, n, 2))).toEqual(luaLoadstring(cases));
  });
});

const names = (p: string, n: number): string => Array.from({ length: n }, (_, i) => p + (i + 1)).join(', ');
const LIMITS: string[] = [
  'local ' + names('a', 200), 'local ' + names('a', 201), 'local x\n'.repeat(200) + 'local y',
  'function f(...)\nlocal ' + names('a', 199) + ' end', 'function f(...)\nlocal ' + names('a', 200) + ' end',
  'function f(a)\nlocal ' + names('a', 199) + ' end', 'local function f(a, b)\nlocal ' + names('a', 199) + ' end',
  'local ' + names('u', 61) + '\nfunction f() return ' + names('u', 61) + ' end',
  'local ' + names('u', 60) + '\nfunction f() return ' + names('u', 60) + ' end',
  'local ' + names('u', 61) + '\nfunction f() return function() return ' + names('u', 61) + ' end end',
  'local ' + names('u', 40) + '\nfunction f() local ' + names('w', 30) + '\nreturn function()\n return ' + names('u', 40) + ', ' + names('w', 30) + ' end end',
  'local u\nfunction f() return ' + 'u, '.repeat(100) + 'u end',
  names('v', 300) + ' = 1', names('v', 197) + ' = 1', names('v', 198) + ' = 1',
  'function f() ' + names('v', 197) + ' = 1 end', 'function f() ' + names('v', 196) + ' = 1 end',
  'for i = 1, 2 do local ' + names('a', 196) + ' end', 'for i = 1, 2 do local ' + names('a', 197) + ' end',
  'for k, v in x do local ' + names('a', 195) + ' end', 'for k, v in x do local ' + names('a', 196) + ' end',
  'x = {\nf\n(1)}', 'x = {\nf\n\'a\'}', 'x = {f\n(1)}', 'x = {\nf\n(1)\n(2)}', 'x = {a.b\n(1)}',
  'x = {\n"abc}', 'x = {a "abc}', 'x = {a\n=\n"abc}',
];

// Deep nesting: every form ends in a Lua error (or is accepted), never a JS RangeError.
const N = 100000;
const NESTING: string[] = [
  'x = ' + '('.repeat(N) + '1' + ')'.repeat(N), 'x = ' + '{'.repeat(N) + '}'.repeat(N),
  'x = ' + 'function() return '.repeat(N) + '1' + ' end'.repeat(N), 'do '.repeat(N) + 'end '.repeat(N),
  'x = ' + '- '.repeat(N) + '1', 'x = ' + 'not '.repeat(N) + '1', 'x = 1' + ' .. 1'.repeat(N),
  'x = 1' + ' ^ 1'.repeat(N), 'x = 1' + ' + 1'.repeat(1000), 'f(' .repeat(N) + ')'.repeat(N),
  'while x do '.repeat(N) + 'end '.repeat(N), 'repeat '.repeat(N) + 'until x '.repeat(N),
  'if x then '.repeat(N) + 'end '.repeat(N), 'x = a' + '.b'.repeat(N), 'x = a' + '[1]'.repeat(N), 'f' + '()'.repeat(N),
  'x = ' + '('.repeat(N), 'x = ' + '{'.repeat(N), 'x = ' + '- '.repeat(N), 'x = 1' + ' .. '.repeat(N),
  'for i = 1, 2 do '.repeat(N) + 'end '.repeat(N),
  'local function f() '.repeat(N) + 'end '.repeat(N), 'x = ' + '"' + 'a'.repeat(N * 10) + '"',
  'x = [[' + '\n'.repeat(N) + ']] y', '\n'.repeat(N) + 'x = ',
  // Not here: 'a = {' + 'f {'.repeat(N) and 'x = ' + '1, '.repeat(N) + '1', where lua5.1's code
  // generator runs out of registers ("function or expression too complex") before the parser
  // sees a problem; that error belongs to the compiler.
];

describe('parse: limits and nesting (against lua5.1 loadstring)', () => {
  it('enforces the local, upvalue and assignment limits with lua5.1\'s messages and lines', () => {
    const cases = LIMITS.map((src) => [src, src] as const);
    expect(cases.map(([src, n]) => valua(src, n, 2))).toEqual(luaLoadstring(cases));
  });
  it('ends deep nesting in lua5.1\'s errors', () => {
    const cases = NESTING.map((src) => [src, '=nest'] as const);
    expect(cases.map(([src, n]) => valua(src, n, 2))).toEqual(luaLoadstring(cases));
  });
});

describe('parse (against luac5.1 -p)', () => {
  it.each([
    '#!/usr/bin/lua\nx = = 1', '# comment\r\n\nx = ', '#only a comment line', '#\n\n\nreturn return',
    'x = 1\n#not first', '#!x\n"\\300"', ' #x\nx=1',
  ])('skips a first # line like luaL_loadfile: %j', (src) => {
    const { message, chunkName } = luacParse(src);
    let got = 'OK';
    try { parse(src, chunkName, { skipHashLine: true }); } catch (e) { got = (e as Error).message; }
    expect(got).toEqual(message);
  });

  it('reports syntax levels like luac', () => {
    for (const n of [197, 198]) {
      const src = 'x = ' + '('.repeat(n) + '1' + ')'.repeat(n);
      const { message, chunkName } = luacParse(src);
      expect(valua(src, chunkName, 1)).toEqual(message);
    }
  });
});

// Differential fuzzing: random token soups, random bytes and mutated valid
// programs, each batch judged by one lua5.1 run. VALUA_FUZZ_SCALE=20 runs
// twenty times as many.
const VOCAB = [
  'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'if', 'in', 'local', 'nil', 'not',
  'or', 'repeat', 'return', 'then', 'true', 'until', 'while', 'a', 'b', 'f', 'x', 'self', 'arg', '_1',
  '1', '0x10', '3.5', '1e5', '3x', '0x', '1e', '.5', '5.', '1..2', '0x1p4', '1e+', '08', '0xg',
  '"s"', "'s'", '"a\\nb"', '"unfinished', '"\\300"', '"\\q\\65"', '[[x]]', '[==[y]==]', '[=', '[[', '"a\\\nb"',
  '[[a\nb]]', '[[a [[b]]', '--c\n', '--[[c]]', '--[[unfinished', '--[==[x]]', '\n', ' ', '\r\n', '\n\r', '\0',
  '\x01', '\x7f', '~', '!', '@', '$', '\\', '\xef\xbb\xbf', '\xff', ';', '+', '-', '*', '/', '%', '^', '#',
  '==', '~=', '<=', '>=', '<', '>', '=', '(', ')', '{', '}', '[', ']', ':', ',', '.', '..', '...', '#!',
];
const tokenSoup = fc.array(fc.tuple(fc.constantFrom(...VOCAB), fc.constantFrom(' ', '', '\n', ' ')), { maxLength: 14 })
  .map((parts) => parts.map(([t, sep]) => t + sep).join(''));
const randomBytes = fc.array(fc.oneof(
  fc.integer({ min: 0, max: 255 }),
  fc.constantFrom(...' \n=(){}[].,;:"\'-+*abcdefghijklmnoprstuvwxyz0123456789'.split('').map((c) => c.charCodeAt(0))),
), { maxLength: 24 }).map((codes) => String.fromCharCode(...codes));
const mutated = fc.tuple(chunkArb, fc.nat(), fc.nat({ max: 6 }), fc.constantFrom(...VOCAB))
  .map(([ast, at, del, ins]) => {
    const src = printChunk(ast);
    const i = at % (src.length + 1);
    return src.slice(0, i) + ins + src.slice(i + del);
  });

describe('parse: fuzzing against lua5.1 loadstring', () => {
  it.each([
    ['token soups', tokenSoup, 3000],
    ['random bytes', randomBytes, 2000],
    ['mutated valid programs', mutated, 1500],
  ] as const)('%s: same verdict and message', (_label, arb, numRuns) => {
    const seed = Date.now() % 1000003;
    // A chunk starting with ESC is a precompiled chunk to lua_load: not the parser's input.
    const scale = Number(process.env['VALUA_FUZZ_SCALE'] ?? '1');
    const inputs = fc.sample(arb as fc.Arbitrary<string>, { numRuns: numRuns * scale, seed }).filter((s) => !s.startsWith('\x1b'));
    const cases = inputs.map((s) => [s, s] as const);
    const expected = luaLoadstring(cases);
    const mismatches = cases
      .map(([s, n], i) => ({ src: s, expected: expected[i], got: valua(s, n, 2) }))
      .filter((m) => m.expected !== m.got);
    expect({ seed, mismatches: mismatches.slice(0, 5) }).toEqual({ seed, mismatches: [] });
  });
});

describe('parse: lexing in segments', () => {
  const verdict = (src: string): string => {
    try {
      return JSON.stringify(parse(src, '=seg'));
    } catch (e) {
      if (e instanceof LuaSyntaxError) return e.message;
      throw e;
    }
  };
  it('gives the same AST or error whatever the segment size', () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
    const golden = readdirSync(dir).filter((f) => f.endsWith('.lua')).map((f) => readFileSync(join(dir, f), 'latin1'));
    const gen = fc.sample(fc.oneof(chunkArb.map(printChunk), fc.tuple(chunkArb, fc.nat(), fc.constantFrom(...VOCAB))
      .map(([a, at, ins]) => { const s = printChunk(a); const i = at % (s.length + 1); return s.slice(0, i) + ins + s.slice(i); })),
    { numRuns: 150, seed: 42 });
    const inputs = [...golden, ...gen, 'x = [[\n\n]]\n\r\n\r\ny = "a\\\n\n"\n--[[\n]]z=1', '{\nf\n\n(1)}'];
    const whole = inputs.map(verdict);
    const saved = segmentConfig.bytes;
    try {
      for (const bytes of [1, 5, 64]) {
        segmentConfig.bytes = bytes;
        expect(inputs.map(verdict)).toEqual(whole);
      }
    } finally {
      segmentConfig.bytes = saved;
    }
  });
});

describe('parse: host stack', () => {
  it('turns a JS stack overflow met while parsing into a Lua syntax error', () => {
    const src = 'x = ' + '('.repeat(150) + '1' + ')'.repeat(150);
    const outcomes: string[] = [];
    // Recurse until the stack is full, then parse on the way back up, from
    // the deepest frame outwards, until a parse succeeds.
    const dive = (): void => {
      try {
        dive();
      } catch {
        // (stack exhausted below this frame)
      }
      if (outcomes[outcomes.length - 1] === 'OK') return;
      try {
        parse(src, '=deep');
        outcomes.push('OK');
      } catch (err) {
        outcomes.push(err instanceof LuaSyntaxError ? err.message : err instanceof RangeError ? 'RangeError' : String(err));
      }
    };
    dive();
    expect(outcomes[outcomes.length - 1]).toBe('OK');
    expect(outcomes).toContain('deep:1: chunk has too many syntax levels');
    expect(outcomes.filter((o) => !['OK', 'RangeError', 'deep:1: chunk has too many syntax levels'].includes(o))).toEqual([]);
  });
});
