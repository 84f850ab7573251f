// valuac against luac5.1: the same arguments run through both, with argv[0]
// set to "luac5.1" so usage and error texts must match byte for byte.
// Chunks written with -o / luac.out / -s must equal luac5.1's files byte for
// byte, and binary inputs load with lua5.1's errors. The difference we keep
// on purpose (see packages/vm/README.md) is the version line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { valuacMain, STRERROR } from '../../src/compiler/valuac.js';
import { normaliseListing } from './gen-lua.js';

const hasLuac = spawnSync('luac5.1', ['-v']).status === 0;
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'valuac-'));
  writeFileSync(join(dir, 'ok.lua'), 'local a = 1\nprint(a, "x\\0y")\nreturn function() return a end\n');
  writeFileSync(join(dir, 'two.lua'), 'x = 2\n');
  writeFileSync(join(dir, 'bad.lua'), 'local x = \nif\n');
  writeFileSync(join(dir, 'shebang.lua'), '#!/usr/bin/lua\nprint(1)\nx =\n');
  writeFileSync(join(dir, 'shebang-ok.lua'), '#!/usr/bin/lua\nprint(1)\n');
  mkdirSync(join(dir, 'adir'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run { code: number; stdout: string; stderr: string }

function runLuac(args: string[], stdin = ''): Run {
  const r = spawnSync('luac5.1', args, { cwd: dir, input: stdin, encoding: 'latin1' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function runValuac(args: string[], stdin = ''): Run {
  let stdout = '';
  let stderr = '';
  const code = valuacMain(['luac5.1', ...args], {
    readFile(path) {
      try {
        return readFileSync(join(dir, path), 'latin1');
      } catch (e) {
        const code = (e as { code?: string }).code ?? '';
        const err = new Error(STRERROR[code] ?? code) as Error & { op?: string };
        if (code === 'EISDIR') err.op = 'read'; // C opens a directory, then fails to read it
        throw err;
      }
    },
    readStdin: () => stdin,
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
  });
  return { code, stdout, stderr };
}

const same: [string, string[], string][] = [
  ['no arguments', [], ''],
  ['unknown option', ['-x', 'ok.lua'], ''],
  ['-o without a name', ['-o'], ''],
  ['parse only', ['-p', 'ok.lua'], ''],
  ['syntax error', ['-p', 'bad.lua'], ''],
  ['syntax error in the second file', ['-p', 'ok.lua', 'bad.lua'], ''],
  ['list', ['-l', '-p', 'ok.lua'], ''],
  ['full list', ['-l', '-l', '-p', 'ok.lua'], ''],
  ['-s does not change a listing', ['-s', '-l', '-p', 'ok.lua'], ''],
  ['stdin', ['-l', '-p', '-'], 'local t = {...}\nreturn #t\n'],
  ['stdin syntax error', ['-p', '-'], 'x ='],
  ['stdin shebang line', ['-l', '-p', '-'], '#!lua\nreturn 1\n'],
  ['missing file', ['-p', 'missing.lua'], ''],
  ['directory', ['-p', 'adir'], ''],
  ['no file with -p reads luac.out', ['-p'], ''],
  ['-- ends options', ['-p', '--', 'ok.lua'], ''],
  ['-- then a dash name', ['-p', '--', '-v'], ''],
  ['shebang line keeps line numbers', ['-p', 'shebang.lua'], ''],
  ['shebang line listing', ['-l', '-p', 'shebang-ok.lua'], ''],
];

(hasLuac ? describe : describe.skip)('valuac behaves like luac5.1', () => {
  test.each(same)('%s', (_name, args, stdin) => {
    const want = runLuac(args, stdin);
    const got = runValuac(args, stdin);
    expect({ ...got, stdout: normaliseListing(got.stdout) }).toEqual({ ...want, stdout: normaliseListing(want.stdout) });
  });

  test('several files are combined under one main, named (luac) as luac does', () => {
    const want = runLuac(['-l', '-p', 'ok.lua', 'two.lua']);
    const got = runValuac(['-l', '-p', 'ok.lua', 'two.lua']);
    expect(got.code).toBe(0);
    expect(normaliseListing(got.stdout)).toBe(normaliseListing(want.stdout));
  });
});

describe('valuac differences', () => {
  test('-v prints our version line and exits 0 when alone', () => {
    const r = runValuac(['-v']);
    expect(r).toEqual({ code: 0, stdout: expect.stringMatching(/^Valua .*Lua 5\.1/), stderr: '' });
  });

  test('without io.writeFile, writing a file is reported as unsupported, after the listing', () => {
    const r = runValuac(['-l', 'ok.lua']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\nmain <ok\.lua:0,0>/);
    expect(r.stderr).toBe('luac5.1: cannot write luac.out: binary chunks are not supported (use -p)\n');
  });

  test('the default program name is valuac', () => {
    let err = '';
    const code = valuacMain([], { readFile: () => '', readStdin: () => '', stdout: () => {}, stderr: (s) => { err += s; } });
    expect(code).toBe(1);
    expect(err.startsWith('valuac: no input files given\nusage: valuac [options] [filenames].\n')).toBe(true);
  });
});

describe('valuac writes chunks through io.dump', () => {
  function runWithDump(args: string[]) {
    const written: Record<string, string> = {};
    const dumps: [string, boolean][] = [];
    let stdout = '';
    let stderr = '';
    const code = valuacMain(['valuac', ...args], {
      readFile: (path) => readFileSync(join(dir, path), 'latin1'),
      readStdin: () => '',
      stdout: (s) => { stdout += s; },
      stderr: (s) => { stderr += s; },
      dump: (p, strip) => { dumps.push([p.source, strip]); return `<chunk ${p.source}>`; },
      writeFile: (path, data) => {
        if (path.startsWith('/nonexistent/')) throw new Error('No such file or directory');
        written[path] = data;
      },
    });
    return { code, stdout, stderr, written, dumps };
  }

  test('to luac.out by default, stripped with -s', () => {
    expect(runWithDump(['ok.lua'])).toEqual({ code: 0, stdout: '', stderr: '', written: { 'luac.out': '<chunk @ok.lua>' }, dumps: [['@ok.lua', false]] });
    expect(runWithDump(['-s', 'ok.lua']).dumps).toEqual([['@ok.lua', true]]);
  });

  test('-o names the file, -o - is stdout, after any listing', () => {
    expect(runWithDump(['-o', 'x.out', 'ok.lua', 'two.lua']).written).toEqual({ 'x.out': '<chunk =(luac)>' });
    const r = runWithDump(['-l', '-o', '-', 'ok.lua']);
    expect(r.stdout).toMatch(/^\nmain <ok\.lua:0,0>[^]*<chunk @ok\.lua>$/);
    expect(r.written).toEqual({});
  });

  test('an unwritable output fails as luac does', () => {
    expect(runWithDump(['-o', '/nonexistent/x', 'ok.lua'])).toMatchObject({
      code: 1, stderr: 'valuac: cannot open /nonexistent/x: No such file or directory\n',
    });
  });
});
