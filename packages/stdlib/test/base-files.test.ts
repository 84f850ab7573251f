// dofile and loadfile against lua5.1 (run in a temp folder, see
// lua51-cli.ts): results, '#' first lines, binary chunks compiled by
// luac5.1 at test time, standard input (shared with io.read), every failure
// text, and where they sit in pairs(_G).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectSame, script } from './lua51-cli.js';

/** The bytes luac5.1 writes for `source` (chunk name "@<name>"). */
function luac(source: string, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'valua-luac-'));
  writeFileSync(join(dir, name), source);
  const r = spawnSync('luac5.1', ['-o', 'out.luac', name], { cwd: dir });
  if (r.status !== 0) throw new Error(`luac5.1 failed: ${r.stderr.toString()}`);
  return readFileSync(join(dir, 'out.luac'), 'latin1');
}

const MULTI = 'print("running", ...)\nreturn 1, nil, "three"\n';

describe('loadfile', () => {
  test('a file: the function, run with arguments', () =>
    expectSame(script('local f = loadfile("m.lua")\nprint(type(f))\nprint(f("a", "b"))\nprint(getfenv(f) == _G)\n', { files: { 'm.lua': MULTI } })));
  test('a missing file, a directory, a syntax error: nil and the message', () =>
    expectSame(script(
      'print(loadfile("nope.lua"))\nprint(loadfile("dir"))\nprint(loadfile("bad.lua"))\nprint(loadfile("sub/nope.lua"))\n',
      { dirs: ['dir'], files: { 'bad.lua': 'x = = 1\n' } },
    )));
  test('a first # line is skipped and line numbers are kept', () =>
    expectSame(script('print(type(loadfile("h.lua")))\nlocal f = loadfile("h.lua")\nf()\n', {
      files: { 'h.lua': '#!/usr/bin/lua5.1 -x\nprint("line", 2)\nerror("line 3")\n' },
    })));
  test('a # line alone, # without a newline, an empty file', () =>
    expectSame(script('print(loadfile("a.lua")())\nprint(loadfile("b.lua")())\nprint(loadfile("c.lua")())\n', {
      files: { 'a.lua': '# just a comment line\n', 'b.lua': '#', 'c.lua': '' },
    })));
  test('a syntax error after a # line reports the right line', () =>
    expectSame(script('print(loadfile("h.lua"))\n', { files: { 'h.lua': '#!lua\n\nlocal = 1\n' } })));
  test('binary chunks from luac5.1, also after a # line', () => {
    const bin = luac('print("from binary", ...)\nreturn 42\n', 'chunk.lua');
    return expectSame(script('print(loadfile("c.luac")("x"))\nprint(loadfile("h.luac")("y"))\nprint(dofile("c.luac"))\n', {
      files: { 'c.luac': bin, 'h.luac': `#!/usr/bin/env lua5.1\n${bin}` },
    }));
  });
  test('loadfile() reads standard input (chunk name stdin)', () =>
    expectSame(script('local f, e = loadfile()\nprint(type(f), e)\nprint(pcall(f))\n', { stdin: '#first line\nprint("from stdin")\nerror("x")\n' })));
  test('loadfile(nil) is stdin too; a syntax error on stdin', () =>
    expectSame(script('print(loadfile(nil))\n', { stdin: 'x = = 1\n' })));
  test('a name ends at a NUL byte; numbers are names', () =>
    expectSame(script('print(loadfile("m.lua\\0junk")("z"))\nprint(loadfile(12)())\n', { files: { 'm.lua': MULTI, '12': 'return "twelve"\n' } })));
  test('bad argument', () => expectSame(script('print(pcall(loadfile, {}))\nprint(pcall(loadfile, true))\n')));
});

describe('dofile', () => {
  test('returns every result of the chunk', () =>
    expectSame(script('print(dofile("m.lua"))\nprint(select("#", dofile("m.lua")))\n', { files: { 'm.lua': MULTI } })));
  test('errors propagate: missing file (no position), syntax error, runtime error', () =>
    expectSame(script(
      'print(pcall(dofile, "nope.lua"))\nprint(pcall(dofile, "bad.lua"))\nprint(pcall(dofile, "rt.lua"))\nprint(pcall(dofile, "dir"))\n',
      { dirs: ['dir'], files: { 'bad.lua': 'x = = 1\n', 'rt.lua': 'local t\nreturn t.x\n' } },
    )));
  test('an uncaught error inside dofile: traceback through dofile', () =>
    expectSame(script('local function f()\n  dofile("rt.lua")\nend\nf()\n', { files: { 'rt.lua': 'local t\nreturn t.x\n' } })));
  test('an uncaught missing file', () => expectSame(script('dofile("nope.lua")\n')));
  test('dofile() runs standard input', () =>
    expectSame(script('print(dofile())\n', { stdin: 'print("stdin chunk")\nreturn 1, 2\n' })));
  test('dofile() after io.read: standard input is one stream', () =>
    expectSame(script('print(io.read())\nprint(dofile())\nprint(io.read())\n', { stdin: 'first line\nprint("rest")\nreturn "done"\n' })));
  test('an error in a chunk from stdin', () => expectSame(script('dofile()\n', { stdin: '\n\nerror("on line 3")\n' })));
  test('globals set by the file are visible; the file sees the caller\'s globals', () =>
    expectSame(script('shared = "from main"\ndofile("g.lua")\nprint(fromfile)\n', { files: { 'g.lua': 'print(shared)\nfromfile = 1\n' } })));
});

describe('registration', () => {
  test('dofile and loadfile sit in _G where lua5.1 has them (pairs order)', () =>
    expectSame(script('local ks = {}\nfor k in pairs(_G) do ks[#ks + 1] = k end\nprint(table.concat(ks, " "))\n')));
  test('names in argument errors', () =>
    expectSame(script('print(pcall(function() dofile({}) end))\nlocal lf = loadfile\nprint(pcall(function() lf({}) end))\n')));
});
