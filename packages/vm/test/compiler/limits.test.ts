// Compile-time limits raised by the code generator (lcode.c), compared with
// the message lua5.1 prints when loading the same chunk.
import { spawnSync } from 'node:child_process';
import { LuaSyntaxError, type Chunk, type Expression } from '@valua/parser';
import { compile, compileSource } from '../../src/compiler/index.js';
import { listing } from '../../src/disasm.js';
import { LuaGen, normaliseListing } from './gen-lua.js';

const hasLua = spawnSync('lua5.1', ['-v']).status === 0;

/** What lua5.1's loadstring(src, '=chunk') reports, or 'ok'. */
function luaLoadError(src: string): string {
  const r = spawnSync('lua5.1', ['-e', "local f, e = loadstring(io.read('*a'), '=chunk') io.write(e or 'ok')"], {
    input: Buffer.from(src, 'latin1'), encoding: 'latin1', maxBuffer: 1 << 26,
  });
  return r.stdout;
}

function ourLoadError(src: string): string {
  try {
    compileSource(src, '=chunk');
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
}

const repeat = (s: string, n: number, sep: string) => Array(n).fill(s).join(sep);

const cases: [string, string][] = [
  ['300 call arguments', `f(${repeat('x', 300, ',')})`],
  ['300 string arguments', `f(${repeat('"ab"', 300, ',')})`],
  ['300 returned numbers', `return ${repeat('1', 300, ',')}`],
  ['300 parenthesised values', `local a = ${repeat('(1)', 300, ',')}`],
  ['arguments inside a constructor', `local a = {f(${repeat('x', 300, ',')})}`],
  ['249 locals worth of registers', `local a, b = ${repeat('x', 248, ',')}`],
  ['a 300-item constructor is flushed, not too complex', `local t = {${repeat('x', 300, ',')}}`],
  ['while body over 131071 instructions', `while x do\n${repeat('a = 1', 140000, '\n')}\nend`],
  ['if body over 131071 instructions', `local a\nif x then\n${repeat('a = 1', 140000, '\n')}\nend`],
  // the long jump is fixed while the parser looks at different tokens:
  ['if, then a call', `local a\nif x then\n${repeat('a = 1', 131080, '\n')}\nend\nprint(1)\n`],
  ['if with elseif', `local a\nif x then\n${repeat('a = 1', 131080, '\n')}\nelseif z then y() end\n`],
  ['if ending a function', `local function f()\nif x then\n${repeat('a = 1', 131080, '\n')}\nend\nend\n`],
  ['repeat', `local a\nrepeat\n${repeat('a = 1', 131080, '\n')}\nuntil x\nz()\n`],
  ['repeat with an upvalue', `local a\nrepeat\nlocal q = 1\nf = function() return q end\n${repeat('a = 1', 131080, '\n')}\nuntil x\nz()\n`],
  ['numeric for', `local a\nfor i = 1, 2 do\n${repeat('a = 1', 131080, '\n')}\nend\nz()\n`],
  ['generic for', `local a\nfor k in pairs(t) do\n${repeat('a = 1', 131080, '\n')}\nend\nz()\n`],
  ['a short while body', `while x do\n${repeat('a = 1', 1000, '\n')}\nend`],
  ['262143 constants fit', `local t = {${Array.from({ length: 262143 }, (_, i) => i).join(',')}}`],
];

// lua5.1's loadstring lets this one through its error handler (it is a
// memory error raised with luaG_runerror, so `lua5.1 -e` appends a
// traceback); luac5.1 shows the bare message, which is what we throw.
(hasLua ? test : test.skip)('262144 constants overflow, as luac5.1 reports it', () => {
  const src = `local t = {${Array.from({ length: 262144 }, (_, i) => i).join(',')}}`;
  const r = spawnSync('luac5.1', ['-p', '-'], { input: src, encoding: 'latin1' });
  expect(r.stderr).toBe(`luac5.1: ${ourLoadError(src)}\n`);
});

(hasLua ? describe : describe.skip)('compile-time limits as lua5.1 reports them', () => {
  test.each(cases)('%s', (_name, src) => {
    expect(ourLoadError(src)).toBe(luaLoadError(src));
  });
});

test('a hand-built AST too deep for the JS stack ends in a Lua error, not a RangeError', () => {
  let e: Expression = { kind: 'Number', value: 1, raw: '1', line: 1, lastLine: 1 };
  for (let i = 0; i < 200000; i++) e = { kind: 'Paren', expr: e, line: 1, lastLine: 1 };
  const chunk: Chunk = {
    kind: 'Chunk', chunkName: '=deep', line: 1, lastLine: 1,
    body: { kind: 'Block', line: 1, lastLine: 1, body: [{ kind: 'Return', values: [e], line: 1, lastLine: 1 }] },
  };
  expect(() => compile(chunk)).toThrow(new LuaSyntaxError('deep:1: chunk has too many syntax levels', 1));
});

// The parser builds left-assoc operator chains and suffix chains without
// recursion (one syntax level each), so their depth is unbounded; the
// compiler must not recurse on them either.
const chains: [string, string][] = [
  ['a long sum', `x = ${repeat('y', 30000, ' + ')}`],
  ['a long folded sum', `x = ${repeat('1', 30000, ' + ')}`],
  ['a long field chain', `x = a${'.b'.repeat(30000)}`],
  ['a long index chain', `a${'[1]'.repeat(30000)} = 1`],
  ['a long call chain', `f${'()'.repeat(30000)}`],
  ['a long method chain', `x = a${':m()'.repeat(30000)}`],
  ['a long comparison chain', `x = ${repeat('a', 30000, ' == ')}`],
  ['a long chain as a later argument', `f(1, a${'.b'.repeat(30000)}, ${repeat('y', 30000, ' + ')})`],
];

(hasLua ? describe : describe.skip)('unbounded chains compile like luac5.1', () => {
  test.each(chains)('%s', (_name, src) => {
    const r = spawnSync('luac5.1', ['-l', '-p', '-'], { input: src, encoding: 'latin1', maxBuffer: 1 << 28 });
    expect(r.status).toBe(0);
    const ours = listing(compileSource(src, '=stdin'));
    expect(normaliseListing(ours)).toBe(normaliseListing(r.stdout));
  });
});

// Random expressions evaluated when almost every register is taken, so
// registers run out at random places inside them: the error's line and
// `near` token are checked all over the expression compiler.
(hasLua ? test : test.skip)('register overflow anywhere reports what lua5.1 reports', () => {
  const srcs: string[] = [];
  for (let i = 0; i < 600; i++) {
    const g = new LuaGen(0x5eed + i, { plain: true });
    const fill = 'x, '.repeat(215 + (i % 35));
    srcs.push(`local a, b, c\nf(${fill}${g.expression(3)},\n  ${g.expression(3)})\n` +
      `t = {${fill}${g.expression(3)}, ${g.expression(3)}}\n`);
  }
  // one lua5.1 run: length-prefixed chunks in, NUL-separated results out
  const prog = `while true do
  local len = io.read('*n'); if not len then break end
  io.read(1)
  local f, e = loadstring(io.read(len), '=chunk')
  io.write(e or 'ok', '\\0')
end`;
  const r = spawnSync('lua5.1', ['-e', prog], {
    input: Buffer.from(srcs.map((s) => `${s.length}\n${s}`).join(''), 'latin1'), encoding: 'latin1', maxBuffer: 1 << 26,
  });
  const expected = r.stdout.split('\0');
  let overflows = 0;
  srcs.forEach((src, i) => {
    if (expected[i]!.includes('too complex')) overflows++;
    expect(`${i}: ${ourLoadError(src)}`).toBe(`${i}: ${expected[i]}`);
  });
  expect(overflows).toBeGreaterThan(90);
});
