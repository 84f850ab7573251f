// valuac against luac5.1: the same arguments run through both, with argv[0]
// set to "luac5.1" so usage and error texts must match byte for byte.
// Chunks written with -o / luac.out / -s must equal luac5.1's files byte for
// byte, and binary inputs load with lua5.1's errors. The difference we keep
// on purpose (see packages/vm/README.md) is the version line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

(hasLuac ? describe : describe.skip)('chunks written and read as luac5.1 does', () => {
  const goldenDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden', 'listings');
  const golden = readdirSync(goldenDir).filter((f) => f.endsWith('.lua')).sort();

  /** luac5.1 and valuac with the same arguments in a folder holding the
   *  golden sources; every file luac writes must be written by valuac with
   *  the same bytes, and stdout, stderr and exit code must agree. */
  function compareWrites(args: string[], output: string): void {
    const work = mkdtempSync(join(tmpdir(), 'valuac-out-'));
    try {
      for (const f of golden) writeFileSync(join(work, f), readFileSync(join(goldenDir, f)));
      const want = spawnSync('luac5.1', args, { cwd: work, encoding: 'latin1' });
      const wantFile = readFileSync(join(work, output), 'latin1');
      rmSync(join(work, output));
      const written: Record<string, string> = {};
      let stdout = '';
      let stderr = '';
      const code = valuacMain(['luac5.1', ...args], {
        readFile: (path) => readFileSync(join(work, path), 'latin1'),
        readStdin: () => '',
        stdout: (s) => { stdout += s; },
        stderr: (s) => { stderr += s; },
        writeFile: (path, data) => { written[path] = data; },
      });
      expect({ code, stdout: normaliseListing(stdout), stderr }).toEqual({
        code: want.status, stdout: normaliseListing(want.stdout), stderr: want.stderr,
      });
      expect(Object.keys(written)).toEqual([output]);
      if (written[output] !== wantFile) throw new Error(`${args.join(' ')}: ${output} differs from luac5.1's`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  test.each(golden)('%s: luac.out, and -s -o', (f) => {
    compareWrites([f], 'luac.out');
    compareWrites(['-s', '-o', 'x.out', f], 'x.out');
  });

  test('all golden files combined, plain and stripped, with a listing', () => {
    compareWrites(['-o', 'all.out', ...golden], 'all.out');
    compareWrites(['-l', '-s', '-o', 'all.out', ...golden], 'all.out');
  });

  test('-o - writes the chunk to stdout', () => {
    const want = spawnSync('luac5.1', ['-o', '-', 'ok.lua'], { cwd: dir, encoding: 'latin1' });
    const got = runValuac(['-o', '-', 'ok.lua']);
    expect(got).toEqual({ code: want.status, stdout: want.stdout, stderr: want.stderr });
  });

  test('binary inputs: luac5.1 output listed and recombined; truncated and bad chunks fail with lua5.1\'s message', () => {
    expect(spawnSync('luac5.1', ['-o', 'ok.luac', 'ok.lua'], { cwd: dir }).status).toBe(0);
    expect(spawnSync('luac5.1', ['-s', '-o', 'ok-s.luac', 'ok.lua'], { cwd: dir }).status).toBe(0);
    const bytes = readFileSync(join(dir, 'ok.luac'), 'latin1');
    writeFileSync(join(dir, 'trunc.luac'), Buffer.from(bytes.slice(0, 30), 'latin1'));
    writeFileSync(join(dir, 'badhdr.luac'), Buffer.from(bytes.slice(0, 6) + '\x02' + bytes.slice(7), 'latin1'));
    writeFileSync(join(dir, 'shebang.luac'), Buffer.from('#!/usr/bin/lua\n' + bytes, 'latin1'));
    for (const args of [
      ['-l', '-p', 'ok.luac'], ['-l', '-l', '-p', 'ok-s.luac'], ['-l', '-p', 'ok.luac', 'two.lua'],
      ['-p', 'trunc.luac'], ['-p', 'badhdr.luac'], ['-l', '-p', 'shebang.luac'],
    ]) {
      const want = runLuac(args);
      const got = runValuac(args);
      expect({ args, ...got, stdout: normaliseListing(got.stdout) }).toEqual({ args, ...want, stdout: normaliseListing(want.stdout) });
    }
    // and re-written: the chunk comes back byte for byte
    let out = '';
    expect(valuacMain(['valuac', '-o', '-', 'ok.luac'], {
      readFile: (path) => readFileSync(join(dir, path), 'latin1'), readStdin: () => '', stdout: (s) => { out += s; }, stderr: () => {},
    })).toBe(0);
    expect(out).toBe(bytes);
  });
});
