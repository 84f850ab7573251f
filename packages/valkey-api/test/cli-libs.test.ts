// The `valua` command line's libraries. In-process: openCommandLineLibs
// gives lua5.1's globals (same pairs order) and keeps the helper libraries
// in package.preload. Then bin/valua itself (once built: it loads the bundle
// or the packages' dist) against lua5.1 on scripts using string, table,
// math, os, io and require, comparing stdout, stderr and the exit status,
// also with stdout and stderr going into one pipe and into one file, where
// the interleaving shows C stdio's buffering. lua5.1 has no cjson, cmsgpack,
// struct or bit: `require` of those is checked against the spec's vectors
// (replies recorded from a real server).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LuaState } from '@valua/vm';
import { openCommandLineLibs } from '../src/cli-libs.js';
import { bytes, loadVectors, stripErrorFraming, type Vector } from './vectors.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const valuaBin = join(repoRoot, 'bin', 'valua');

interface Outcome { stdout: string; stderr: string; status: number }

interface Scenario {
  args: string[];
  files?: Record<string, string>;
  stdin?: string;
  env?: Record<string, string>;
}

/** Runs `src` in a state with the command line's libraries and no host; returns what print wrote. */
function runInProcess(src: string): string {
  const L = new LuaState();
  let out = '';
  L.g.write = (s) => { out += s; };
  openCommandLineLibs(L, {});
  L.invoke(L.load(src, '=test'), []);
  return out;
}

function lua51(src: string): string {
  const r = spawnSync('lua5.1', ['-e', src], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  return r.stdout.toString('latin1') + r.stderr.toString('latin1');
}

describe('openCommandLineLibs', () => {
  test("globals, package and package.loaded in lua5.1's pairs order; no helper library among them", () => {
    const src = 'for _, t in ipairs{_G, package, package.loaded} do local ks = {} for k in pairs(t) do ks[#ks + 1] = k end print(table.concat(ks, " ")) end';
    expect(runInProcess(src)).toBe(lua51(src));
  });

  test('the helper libraries are in package.preload, not globals until required', () => {
    expect(runInProcess(
      'print(cjson, cmsgpack, struct, bit)\n' +
      'local ks = {} for k in pairs(package.preload) do ks[#ks + 1] = k end table.sort(ks) print(table.concat(ks, " "))\n' +
      'local c = require "cjson" print(c.encode({1, "a"}), cjson, c == package.loaded.cjson)\n' +
      'local b = require "bit" print(b.bxor(5, 3), bit == b)\n' +
      'local s = require "struct" print(struct == s, s.unpack("<i2", s.pack("<i2", -2)))\n' +
      'local m = require "cmsgpack" print(#m.pack({1, 2, 3}), cmsgpack == m, m.unpack(m.pack("x")))\n' +
      'print(require "cjson" == c, c._NAME, c._VERSION)\n',
    )).toBe(
      'nil\tnil\tnil\tnil\n' +
      'bit cjson cmsgpack struct\n' +
      '[1,"a"]\tnil\ttrue\n' +
      '6\ttrue\n' +
      'true\t-2\t3\n' +
      '4\ttrue\tx\n' +
      'true\tcjson\t2.1.0\n',
    );
  });

  test('each state gets its own library tables', () => {
    const a = new LuaState();
    const b = new LuaState();
    openCommandLineLibs(a, {});
    openCommandLineLibs(b, {});
    const [ta] = a.invoke(a.load('return require "cjson"', '=a'), []);
    const [tb] = b.invoke(b.load('return require "cjson"', '=b'), []);
    expect(ta).not.toBe(tb);
  });
});

// ---- bin/valua -----------------------------------------------------------------

const built = existsSync(join(repoRoot, 'packages', 'valkey-api', 'dist', 'cli-libs.js'));

function setUp(sc: Scenario): string {
  const dir = mkdtempSync(join(tmpdir(), 'valua-cli-libs-'));
  for (const [name, text] of Object.entries(sc.files ?? {})) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), Buffer.from(text, 'latin1'));
  }
  return dir;
}

function envOf(sc: Scenario): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', TZ: 'UTC', ...sc.env };
}

/** The program: lua5.1, or node running bin/valua. */
function command(which: 'lua5.1' | 'valua'): [string, string[]] {
  return which === 'lua5.1' ? ['lua5.1', []] : [process.execPath, [valuaBin]];
}

const normalise = (s: string): string => s.replace(/lua5\.1: /g, 'valua: ');

function run(which: 'lua5.1' | 'valua', sc: Scenario): Outcome {
  const dir = setUp(sc);
  const [cmd, pre] = command(which);
  const r = spawnSync(cmd, [...pre, ...sc.args], { cwd: dir, env: envOf(sc), input: Buffer.from(sc.stdin ?? '', 'latin1'), timeout: 20_000 });
  return { stdout: r.stdout.toString('latin1'), stderr: normalise(r.stderr.toString('latin1')), status: r.status ?? -1 };
}

/** stdout and stderr into one file (the same open file description), as `> f 2>&1`. */
function runIntoOneFile(which: 'lua5.1' | 'valua', sc: Scenario): [string, number] {
  const dir = setUp(sc);
  const [cmd, pre] = command(which);
  const outFile = join(dir, 'out.txt');
  const fd = openSync(outFile, 'w');
  const r = spawnSync(cmd, [...pre, ...sc.args], { cwd: dir, env: envOf(sc), stdio: ['pipe', fd, fd], input: Buffer.from(sc.stdin ?? '', 'latin1'), timeout: 20_000 });
  closeSync(fd);
  return [normalise(readFileSync(outFile, 'latin1')), r.status ?? -1];
}

/** stdout and stderr into one pipe, as `2>&1 | cat`. */
function runIntoOnePipe(which: 'lua5.1' | 'valua', sc: Scenario): [string, number] {
  const dir = setUp(sc);
  const [cmd, pre] = command(which);
  const quoted = [cmd, ...pre, ...sc.args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('/bin/sh', ['-c', `${quoted} 2>&1 | cat; exit $(( $? ))`], { cwd: dir, env: envOf(sc), input: Buffer.from(sc.stdin ?? '', 'latin1'), timeout: 20_000 });
  return [normalise(r.stdout.toString('latin1')), r.status ?? -1];
}

function expectSame(sc: Scenario): void {
  expect(run('valua', sc)).toEqual(run('lua5.1', sc));
}

function expectSameMerged(sc: Scenario): void {
  expect(runIntoOnePipe('valua', sc)).toEqual(runIntoOnePipe('lua5.1', sc));
  expect(runIntoOneFile('valua', sc)).toEqual(runIntoOneFile('lua5.1', sc));
}

const LIBS_SCRIPT = `
local t = {}
for w in ("the quick brown fox jumps over the lazy dog"):gmatch("%a+") do t[#t + 1] = w end
table.sort(t, function(a, b) return #a < #b or (#a == #b and a < b) end)
print(table.concat(t, ","), #t, select("#", unpack(t)))
print(string.format("%5.2f|%-6d|%x|%q|%g", math.pi, 42, 255, "a\\nb", 1e300 * 10))
print(("abc"):rep(3, "-"), ("Hello"):upper(), ("x=1, y=2"):gsub("(%w+)=(%w+)", "%2=%1"))
print(math.floor(-3.5), math.ceil(-3.5), math.max(3, 9, 1), math.fmod(7, 3), math.huge, -math.huge, 2^53)
print(os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365), os.time{year = 2020, month = 1, day = 1, hour = 0}, type(os.clock()))
print(os.getenv("VALUA_TEST_VAR"), os.getenv("NO_SUCH_VAR_X"), tostring(nil), tonumber("0x10"), tonumber("z", 36))
local f = assert(io.open("data.txt", "w"))
print(f:write("line 1\\n", 2, "\\n", "3.5 rest\\n"), io.type(f))
f:close()
print(io.type(f), io.open("missing/file.txt"))
for l in io.lines("data.txt") do io.write("[", l, "]") end print()
local g = io.open("data.txt")
print(g:read("*l"), g:read("*n"), g:read("*n"), g:read("*a"), g:seek("set", 2), g:read(3))
g:close()
print(os.rename("data.txt", "moved.txt"), os.remove("moved.txt"), os.remove("moved.txt"))
print(pcall(string.rep), pcall(table.concat, {{}}), select(2, pcall(error, {})) ~= nil)
`;

(built ? describe : describe.skip)('bin/valua (built) against lua5.1', () => {
  test('a script using string, table, math, os and io', () =>
    expectSame({ args: ['main.lua'], files: { 'main.lua': LIBS_SCRIPT }, env: { VALUA_TEST_VAR: 'v\u00e9' } }));

  /** UTF-8 text as the byte string a file holds. */
  const utf8 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

  test('file names are bytes: a script, dofile, io.open and require with non-ASCII names', () =>
    expectSame({
      args: ['\u00e9t\u00e9.lua', '\u00fc'],
      files: {
        '\u00e9t\u00e9.lua': utf8('print(arg[0], ..., #arg[0])\nprint(dofile("d\u00e9.lua"), io.open("d\u00e9.lua") ~= nil, require("m\u00f6d"))\n'),
        'd\u00e9.lua': 'return "dofile ok"\n',
        'm\u00f6d.lua': 'return "require ok"\n',
      },
    }));

  test('io.read from stdin: lines, numbers, the rest', () =>
    expectSame({
      args: ['-e', 'print(io.read("*l")) print(io.read("*n", "*n")) print(io.read("*a")) print(io.read())'],
      stdin: 'first\n 12 0x1F tail\nlast\n',
    }));

  test('io.read and a script read from stdin (-) share one stream', () => {
    expectSame({ args: ['-e', 'print(io.read())', '-'], stdin: 'l1\nprint("rest", io.read())\n' });
    expectSame({ args: ['-e', 'print(io.read(3))', '-', 'arg'], stdin: 'abcprint(..., io.read("*a"))\n' });
  });

  test('require from the path, -l, LUA_PATH, a missing module', () => {
    const files = { 'lib/m.lua': 'return { v = ... }\n', 'm2.lua': 'print("m2 loaded", ...)\n' };
    expectSame({ args: ['-l', 'm2', '-e', 'package.path = "lib/?.lua;" .. package.path print(require("m").v)'], files });
    expectSame({ args: ['-e', 'print(require("m").v)'], files, env: { LUA_PATH: 'lib/?.lua' } });
    expectSame({ args: ['-e', 'require "nosuch.mod"'], files });
    expectSame({ args: ['-l', 'nosuch', 'main.lua'], files: { 'main.lua': 'print(1)\n' } });
  });

  test('LUA_INIT, dofile and loadfile from the command line', () => {
    expectSame({ args: ['-e', 'print(dofile("d.lua"))'], env: { LUA_INIT: '@init.lua' }, files: { 'init.lua': 'print("init")\n', 'd.lua': 'return 1, 2\n' } });
    expectSame({ args: ['-e', 'print(dofile())'], stdin: 'return "from stdin"\n' });
    expectSame({ args: ['-e', 'print(loadfile("nope"))'] });
  });

  test('errors and exit status', () => {
    expectSame({ args: ['-e', 'local t = nil; print(t.x)'] });
    expectSame({ args: ['-e', 'io.write("pending") os.exit(3)'] });
    expectSame({ args: ['-e', 'os.exit()'] });
    expectSame({ args: ['main.lua'], files: { 'main.lua': 'print("a")\nerror({})\n' } });
  });

  test('os.execute and io.popen', () => {
    expectSame({ args: ['-e', 'print(os.execute("exit 3"), os.execute(), io.popen("echo hi"):read("*a"))'] });
    expectSameMerged({ args: ['-e', 'print("a") os.execute("echo b") print("c")'] });
  });

  test('print, io.write and io.stderr into one pipe or file interleave as lua5.1 (stdout fully buffered, stderr not)', () => {
    expectSameMerged({ args: ['-e', 'print(1) io.write(2) print(3)'] });
    expectSameMerged({ args: ['-e', 'print(1) io.write(2) io.stderr:write("E") print(3) error("x")'] });
    expectSameMerged({ args: ['-e', 'io.write("a") io.stderr:write("E") io.flush() io.stderr:write("F") io.stdout:write("b") io.stdout:flush() io.stderr:write("G\\n")'] });
  });

  test('io.stdout:setvbuf changes the buffering as glibc does (a one-byte buffer after "no")', () => {
    expectSameMerged({ args: ['-e', 'io.stdout:setvbuf("no") io.write("a") io.stderr:write("E") print("p") io.stderr:write("F")'] });
    expectSameMerged({
      args: ['-e', 'io.write("x") io.stdout:setvbuf("line") io.write("a\\nb") io.stderr:write("E") io.stdout:setvbuf("full") io.write("c\\n") io.stderr:write("F")'],
    });
    expectSameMerged({
      args: ['-e', 'io.stdout:setvbuf("no") io.stdout:setvbuf("full") io.write("b") io.stderr:write("F") io.write("b2") io.stderr:write("G") io.stdout:setvbuf("line", 100) io.write("c\\nd") io.stderr:write("H") io.write("e") io.stderr:write("I")'],
    });
    expectSameMerged({ args: ['-e', 'io.stdout:setvbuf("full") io.write("a") io.stderr:write("E") print(io.stdout:setvbuf("line"), pcall(io.stdout.setvbuf, io.stdout, "x"))'] });
  });

  test('output past the buffer: block boundaries between stderr writes', () => {
    expectSameMerged({ args: ['-e', 'for i = 1, 3000 do io.write(i, " ") if i % 700 == 0 then io.stderr:write("<E", i, ">") end end'] });
    expectSameMerged({ args: ['-e', 'io.write(("x"):rep(4095)) io.stderr:write("A") io.write("y") io.stderr:write("B") io.write("z") io.stderr:write("C") print(("w"):rep(9000)) io.stderr:write("D")'] });
    expectSameMerged({ args: ['-e', 'io.write(("x"):rep(4096)) io.stderr:write("A") io.write(("y"):rep(8193)) io.stderr:write("B")'] });
    // print writes value, tabs and newline separately: here its newline fills the buffer exactly
    expectSameMerged({ args: ['-e', 'io.write(("x"):rep(4000)) print(("a"):rep(4191)) io.stderr:write("E") print(1, ("b"):rep(4094)) io.stderr:write("F")'] });
  });
});

// ---- the helper libraries through require, against the spec's vectors -----------

/** Vectors of the helper libraries that a plain Lua script can run: no keys, server calls or setup, a string, number or error reply. */
function helperVectors(): Vector[] {
  return loadVectors(['cjson', 'msgpack', 'struct', 'bit']).filter((v) => {
    const script = bytes(v.script);
    const e = v.expect as Record<string, unknown>;
    const simple = v.keys.length === 0 && !/\b(redis|server|KEYS)\b/.test(script) && (v as { setup?: unknown[] }).setup?.length === 0;
    return simple && ('bulk' in e || 'bulk_hex' in e || 'int' in e || 'error' in e);
  });
}

/** A Lua string literal of a byte string. */
function luaLiteral(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) out += `\\${s.charCodeAt(i)}`;
  return out + '"';
}

/** What a vector expects, in the form the runner prints: "bulk <hex>", "int <n>" or "error <hex>". */
function expectedLine(v: Vector): string {
  const e = v.expect as Record<string, unknown>;
  if ('bulk' in e) return `bulk ${Buffer.from(String(e.bulk), 'utf8').toString('hex')}`;
  if ('bulk_hex' in e) return `bulk ${String(e.bulk_hex)}`;
  if ('int' in e) return `int ${String(e.int)}`;
  return `error ${Buffer.from(stripErrorFraming(String(e.error)), 'utf8').toString('hex')}`;
}

const RUNNER = `
cjson = require "cjson"
require "cmsgpack" require "struct" require "bit"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
function run(id, src, argv)
  ARGV = argv
  local f = assert(loadstring(src, "=user_script"))
  local ok, r = pcall(f)
  if not ok then io.write(id, " error ", hex(tostring(r)), "\\n")
  elseif type(r) == "string" then io.write(id, " bulk ", hex(r), "\\n")
  elseif type(r) == "number" then io.write(id, " int ", string.format("%d", r), "\\n")
  else io.write(id, " other ", type(r), "\\n") end
end
`;

(built ? describe : describe.skip)('bin/valua: require of the helper libraries against the spec vectors', () => {
  const vectors = helperVectors();

  test('enough vectors of each library are selected', () => {
    for (const lib of ['cjson', 'msgpack', 'struct', 'bit']) expect(vectors.filter((v) => v.id.startsWith(lib)).length).toBeGreaterThan(5);
  });

  test('every selected vector gives the recorded reply', () => {
    const calls = vectors.map((v) => `run(${luaLiteral(v.id)}, ${luaLiteral(bytes(v.script))}, {${v.args.map((a) => luaLiteral(bytes(a))).join(', ')}})`);
    const r = run('valua', { args: ['main.lua'], files: { 'main.lua': `${RUNNER}\n${calls.join('\n')}\n` } });
    expect(r.stderr).toBe('');
    const got = r.stdout.split('\n').filter((l) => l !== '');
    expect(got).toEqual(vectors.map((v) => `${v.id} ${expectedLine(v)}`));
  });
});
