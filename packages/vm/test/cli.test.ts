// The `valua` command line against `lua5.1`: each scenario runs the real
// binary (cwd = a temp folder holding the scenario's files, stdin piped)
// and valuaMain in-process over the same folder and stdin; stdout, stderr
// and exit status must match once the program name and the version line
// are normalised (`lua5.1` -> `valua`, "Lua 5.1.5  Copyright ..." -> ours).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VALUA_VERSION_LINE, pipedLineReader, valuaMain } from '../src/cli.js';
import { capturedHost } from './property/captured-host.js';

interface Outcome {
  stdout: string;
  stderr: string;
  status: number;
}

interface Scenario {
  args: string[];
  files?: Record<string, string>;
  stdin?: string;
  env?: Record<string, string>;
}

const LUA51_VERSION = 'Lua 5.1.5  Copyright (C) 1994-2012 Lua.org, PUC-Rio';

function normalise(s: string): string {
  return s.split(LUA51_VERSION).join(VALUA_VERSION_LINE).replace(/\blua5\.1\b/g, 'valua');
}

function setUp(sc: Scenario): string {
  const dir = mkdtempSync(join(tmpdir(), 'valua-cli-'));
  for (const [name, text] of Object.entries(sc.files ?? {})) writeFileSync(join(dir, name), Buffer.from(text, 'latin1'));
  return dir;
}

function runLua51(dir: string, sc: Scenario): Outcome {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...sc.env };
  const r = spawnSync('lua5.1', sc.args, { cwd: dir, input: Buffer.from(sc.stdin ?? '', 'latin1'), env, timeout: 20_000 });
  return { stdout: normalise(r.stdout.toString('latin1')), stderr: normalise(r.stderr.toString('latin1')), status: r.status ?? -1 };
}

async function runValua(dir: string, sc: Scenario): Promise<Outcome> {
  const host = capturedHost(dir, 10_000, { stdin: sc.stdin ?? '', ...(sc.env ? { env: sc.env } : {}) });
  const status = await valuaMain(['valua', ...sc.args], host);
  return { stdout: host.out.join(''), stderr: host.err.join(''), status };
}

async function expectSame(sc: Scenario): Promise<void> {
  const dir = setUp(sc);
  const expected = runLua51(dir, sc);
  expect(await runValua(dir, sc)).toEqual(expected);
}

const ARGS_SCRIPT = 'print(select("#", ...), ...)\nfor i = -3, #arg do print(i, arg[i]) end\n';

describe('scripts and arguments', () => {
  test('script with arguments: arg table and ...', () =>
    expectSame({ args: ['s.lua', 'a', 'b c', ''], files: { 's.lua': ARGS_SCRIPT } }));
  test('options before the script land at negative indices', () =>
    expectSame({ args: ['-e', 'x=1', 's.lua', 'p'], files: { 's.lua': ARGS_SCRIPT } }));
  test('-- ends the options', () => expectSame({ args: ['--', 's.lua', '-e'], files: { 's.lua': ARGS_SCRIPT } }));
  test('-- at the end runs stdin', () => expectSame({ args: ['--'], stdin: 'print("from stdin", ...)\n' }));
  test('a script named - after -- is a file', () =>
    expectSame({ args: ['--', '-'], files: { '-': 'print("file named dash")\n' } }));
  test('- reads the script from stdin, with arguments', () =>
    expectSame({ args: ['-', 'x', 'y'], stdin: 'print(arg[0], ...)\nerror("e")\n' }));
  test('no arguments and a piped stdin run stdin; its error does not change the status', () =>
    expectSame({ args: [], stdin: 'print(1)\nerror("after")\n' }));
  test('a first line starting with # is skipped, line numbers kept', () =>
    expectSame({ args: ['s.lua'], files: { 's.lua': '#!/usr/bin/lua\nprint(1)\nerror("line 3")\n' } }));
  test('the script returns values: ignored', () => expectSame({ args: ['s.lua'], files: { 's.lua': 'return 1, 2\n' } }));
  test('missing script', () => expectSame({ args: ['nosuch.lua'] }));
  test('a directory as script', () => {
    const sc: Scenario = { args: ['sub'] };
    const dir = setUp(sc);
    mkdirSync(join(dir, 'sub'));
    const expected = runLua51(dir, sc);
    return runValua(dir, sc).then((actual) => expect(actual).toEqual(expected));
  });
});

describe('-e, -l, -v and bad options', () => {
  test('-e chunks run in order', () => expectSame({ args: ['-e', 'x = 1', '-e', 'print(x + 1)'] }));
  test('-e with the chunk attached', () => expectSame({ args: ['-ex=2', '-e', 'print(x)'] }));
  test('-e error stops before the script', () =>
    expectSame({ args: ['-e', 'error("boom")', 's.lua'], files: { 's.lua': 'print("not run")\n' } }));
  test('-e syntax error', () => expectSame({ args: ['-e', 'x ='] }));
  test('-e sees no arg table', () => expectSame({ args: ['-e', 'print(arg)'] }));
  test('-e without its argument prints the usage', () => expectSame({ args: ['-e'] }));
  test('-l without its argument prints the usage', () => expectSame({ args: ['-l'] }));
  test('unknown option prints the usage', () => expectSame({ args: ['-x', 's.lua'] }));
  test('option with trailing characters prints the usage', () => expectSame({ args: ['-vx'] }));
  test('-v prints the version and exits', () => expectSame({ args: ['-v'] }));
  test('-v then a script', () => expectSame({ args: ['-v', 's.lua'], files: { 's.lua': 'print("ran")\n' } }));
  test('-v after the script is a script argument', () =>
    expectSame({ args: ['s.lua', '-v'], files: { 's.lua': ARGS_SCRIPT } }));
});

describe('uncaught errors', () => {
  test('runtime error with traceback through functions', () =>
    expectSame({
      args: ['s.lua'],
      files: { 's.lua': 'local function f(t)\n  return t.x.y\nend\nlocal function g() return (f({})) end\ng()\n' },
    }));
  test('error with a table value', () => expectSame({ args: ['s.lua'], files: { 's.lua': 'error({})\n' } }));
  test('error with nil prints nothing but fails', () => expectSame({ args: ['s.lua'], files: { 's.lua': 'error()\n' } }));
  test('error with a number', () => expectSame({ args: ['s.lua'], files: { 's.lua': 'error(7)\n' } }));
  test('error with level 0', () => expectSame({ args: ['s.lua'], files: { 's.lua': 'error("plain", 0)\n' } }));
  test('syntax error in the script', () =>
    expectSame({ args: ['s.lua'], files: { 's.lua': 'for i = 1 do\nend\n' } }));
  test('error in the script after output', () =>
    expectSame({ args: ['s.lua'], files: { 's.lua': 'print("out")\nlocal x = nil + 1\n' } }));
  test('stack overflow', () =>
    expectSame({ args: ['s.lua'], files: { 's.lua': 'local function f() return 1 + f() end\nf()\n' } }));
});

describe('LUA_INIT', () => {
  test('a chunk runs first', () => expectSame({ args: ['-e', 'print(y)'], env: { LUA_INIT: 'y = "init"' } }));
  test('an error in it stops everything', () =>
    expectSame({ args: ['-e', 'print(1)'], env: { LUA_INIT: 'error("in init")' } }));
  test('@file runs a file', () =>
    expectSame({ args: ['-e', 'print(z)'], env: { LUA_INIT: '@init.lua' }, files: { 'init.lua': 'z = 5\n' } }));
});

describe('-i sessions fed through stdin', () => {
  test('statements, =expr, multi-line input and errors', () =>
    expectSame({
      args: ['-i'],
      stdin: 'x = 1\nprint(x)\n=x + 1\nfunction f()\nreturn 5\nend\n=f()\nerror("e")\nerror({})\n= nil, 2\nreturn 3\n',
    }));
  test('a continuation line that makes a syntax error', () => expectSame({ args: ['-i'], stdin: 'x =\n= 1\n' }));
  test('incomplete input at end of file is dropped', () => expectSame({ args: ['-i'], stdin: 'for i = 1, 2 do\n' }));
  test('last line without a newline', () => expectSame({ args: ['-i'], stdin: 'print("no newline")' }));
  test('-i after a script keeps its globals', () =>
    expectSame({ args: ['-i', 's.lua', 'a1'], files: { 's.lua': 'g = "global"\n' }, stdin: 'print(g, arg[1])\n' }));
  test('-i with a failing -e does not start the REPL', () => expectSame({ args: ['-i', '-e', 'error("x")'], stdin: 'print(1)\n' }));
  test('_PROMPT and _PROMPT2', () =>
    expectSame({ args: ['-i'], stdin: '_PROMPT = "lua> " _PROMPT2 = "...> "\nif true then\nend\n' }));
  test('results that print cannot convert', () =>
    expectSame({ args: ['-i'], stdin: 'tostring = nil\n= 1\nprint = nil\n= 2\n' }));
});

test('pipedLineReader echoes prompt and line, and ends at the end of input', async () => {
  const written: string[] = [];
  const chunks = ['ab', 'c\nde', undefined];
  const read = pipedLineReader(() => Promise.resolve(chunks.shift()), (s) => void written.push(s));
  expect(await read('> ')).toBe('abc');
  expect(await read('>> ')).toBe('de');
  expect(await read('> ')).toBeUndefined();
  expect(written.join('')).toBe('> abc\n>> de\n> ');
});

describe('-l', () => {
  test('a module on the Lua path runs before the script', () =>
    expectSame({ args: ['-l', 'mod', '-e', 'print(loaded)'], files: { 'mod.lua': 'loaded = "yes"\nprint("module", ...)\n' } }));
  test('an error while loading the module stops', () =>
    expectSame({ args: ['-lmod', '-e', 'print(1)'], files: { 'mod.lua': 'error("in module")\n' } }));
  test('a missing module: lua5.1 text minus the C-library search lines', async () => {
    const sc: Scenario = { args: ['-l', 'nosuch'] };
    const dir = setUp(sc);
    const expected = runLua51(dir, sc);
    // Documented difference: Valua loads no C modules, so it lists no `.so` files searched.
    expected.stderr = expected.stderr.split('\n').filter((l) => !l.endsWith(".so'")).join('\n');
    expect(await runValua(dir, sc)).toEqual(expected);
  });
});

test('-l with a syntax error in the module', () =>
  expectSame({ args: ['-l', 'bad'], files: { 'bad.lua': 'x = = 1\n' } }));

// bin/valua itself (the Node host over the built dist): only once `pnpm build` has run.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const builtCli = join(repoRoot, 'packages', 'vm', 'dist', 'cli.js');
(existsSync(builtCli) ? describe : describe.skip)('bin/valua (built)', () => {
  function runBin(dir: string, sc: Scenario): Outcome {
    const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'valua'), ...sc.args], {
      cwd: dir,
      input: Buffer.from(sc.stdin ?? '', 'latin1'),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...sc.env },
      timeout: 30_000,
    });
    return { stdout: r.stdout.toString('latin1'), stderr: r.stderr.toString('latin1'), status: r.status ?? -1 };
  }
  const cases: [string, Scenario][] = [
    ['script, arguments and an uncaught error', { args: ['s.lua', 'x', '\xe9'], files: { 's.lua': 'print(..., #arg[2])\nerror("e")\n' } }],
    ['bytes written unchanged', { args: ['-e', 'print("\\0\\200\\255", #"é")'] }],
    ['stdin script', { args: ['-'], stdin: 'print(1 + 1)\n' }],
    ['REPL over a pipe', { args: ['-i'], stdin: 'x = 2\n=x * 3\nerror("r")\n' }],
    ['usage', { args: ['-z'] }],
    // Node modules the host loads at first use (child_process, crypto, os)
    ['io.popen flushes stdout first, as glibc popen does',
      { args: ['-e', 'print("a") local w = io.popen("cat", "w") w:write("b\\n") w:close() print(io.popen("echo c"):read("*l"))'] }],
    ['os.tmpname, io.tmpfile and os.execute', {
      args: ['-e', 'local n = os.tmpname() print(n:match("^/tmp/lua_") ~= nil, os.remove(n)) '
        + 'local f = io.tmpfile() f:write("x") f:seek("set") print(f:read("*a")) print(os.execute("exit 3"), os.execute())'],
    }],
  ];
  test.each(cases)('%s', (_name, sc) => {
    const dir = setUp(sc);
    expect(runBin(dir, sc)).toEqual(runLua51(dir, sc));
  });
});

describe('nothing escapes valuaMain', () => {
  test('a host failure while setting up is reported with the program name', () => {
    const host = capturedHost(tmpdir(), 1_000);
    host.openLibs = () => {
      throw new Error('library setup failed');
    };
    expect(valuaMain(['valua', '-e', 'print(1)'], host)).toBe(1);
    expect(host.err.join('')).toBe('valua: library setup failed\n');
  });
  test('a failing line reader ends the REPL with status 1', async () => {
    const host = capturedHost(tmpdir(), 1_000);
    host.readLine = () => Promise.reject(new Error('terminal gone'));
    expect(await valuaMain(['valua', '-i'], host)).toBe(1);
    expect(host.err.join('')).toBe(`${VALUA_VERSION_LINE}\nvalua: terminal gone\n`);
  });
});

test('the test hosts stop a runaway script (the safety net of the differential runners)', () => {
  const host = capturedHost(tmpdir(), 200, { files: { 'loop.lua': 'local n = 0\nwhile true do n = n + 1 end\n' } });
  expect(valuaMain(['valua', 'loop.lua'], host)).toBe(1);
  expect(host.err.join('')).toMatch(/^valua: (loop\.lua:2: )?test host: stopped after 200 ms\n/);
});
