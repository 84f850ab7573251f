// The package library against lua5.1: require (loaded, sentinel, preload,
// loaders, path searching, every error text), module/seeall, the paths from
// LUA_PATH/LUA_CPATH, and -l, each run by both in a temp folder holding the
// scenario's module files (see lua51-cli.ts). The C searchers are compared
// only where no C library file exists (both report the same "no file"
// lines); what Valua says about an existing .so is its own (loadlib.c
// without dynamic libraries) and is checked on its own below.
import { LuaState } from '@valua/vm';
import { expectSame, openAll, script, setUp } from './lua51-cli.js';
import { nodeHost } from './node-host.js';

const RET_TABLE = 'local M = {} M.name = ... function M.hi() return "hi" end return M\n';

describe('require finds and caches modules', () => {
  test('a module file returning a table; cached in package.loaded; the name is its argument', () =>
    expectSame(script(
      'local m = require "mod"\nprint(m.name, m.hi(), require("mod") == m, package.loaded.mod == m)\n',
      { files: { 'mod.lua': RET_TABLE } },
    )));
  test('a module returning nothing gives true; one that sets package.loaded itself keeps that', () =>
    expectSame(script(
      'print(require "none", package.loaded.none)\nprint(require "self")\nprint(require "falsy", package.loaded.falsy)\n',
      {
        files: {
          'none.lua': 'x_loaded = (x_loaded or 0) + 1\n',
          'self.lua': 'package.loaded[...] = "set by module"\n',
          'falsy.lua': 'return false\n',
        },
      },
    )));
  test('the module runs once; false in package.loaded loads again', () =>
    expectSame(script(
      'require "count" require "count" print(n)\npackage.loaded.count = false\nrequire "count" print(n)\n',
      { files: { 'count.lua': 'n = (n or 0) + 1\n' } },
    )));
  test('dotted names search folders; ?/init.lua through LUA_PATH', () =>
    expectSame(script(
      'print(require("a.b").name)\nprint(require("pkg").name)\nprint(package.path)\n',
      {
        files: { 'a/b.lua': RET_TABLE, 'pkg/init.lua': RET_TABLE },
        env: { LUA_PATH: './?.lua;./?/init.lua' },
      },
    )));
  test('LUA_PATH with ;; takes the default in its place; LUA_CPATH likewise', () =>
    expectSame(script('print(package.path)\nprint(package.cpath)\n', {
      env: { LUA_PATH: 'x/?.lua;;;y/?.lua;;', LUA_CPATH: ';;./?.dll' },
    })));
  test('an empty LUA_PATH searches no Lua files', () =>
    expectSame(script('print(pcall(require, "m"))\n', { env: { LUA_PATH: '' }, files: { 'm.lua': RET_TABLE } })));
  test('package.path changed at run time; a number path is used as text', () =>
    expectSame(script(
      'package.path = "lib/?.lua" print(require("m").name)\npackage.path = 12 print(pcall(require, "zz"))\n',
      { files: { 'lib/m.lua': RET_TABLE } },
    )));
  test('a first # line in a module is skipped', () =>
    expectSame(script('print(require "h")\n', { files: { 'h.lua': '#!/usr/bin/env lua\nreturn select("#", ...), ...\n' } })));
  test('require of a built-in library returns it; package.loaded holds _G and the libraries', () =>
    expectSame(script(
      'print(require "string" == string, require "_G" == _G, require "package" == package)\n' +
      'for k, v in pairs(package.loaded) do io.write(k, " ", tostring(v == _G[k] or v == _G), "\\n") end\n',
    )));
  test('pairs order of _G, package and package.loaded equals lua5.1', () =>
    expectSame(script(
      'for _, t in ipairs{_G, package, package.loaded} do local ks = {} for k in pairs(t) do ks[#ks + 1] = k end print(table.concat(ks, " ")) end\n',
    )));
  test('package fields and values', () =>
    expectSame(script(
      'print(type(package.loaders), #package.loaders, type(package.preload), package.config == "/\\n;\\n?\\n!\\n-")\n' +
      'print(package.path)\nprint(package.cpath)\nprint(type(require), type(module), type(package.seeall), type(package.loadlib))\n',
    )));
  test('a module name ends at a NUL byte', () =>
    expectSame(script('print(require("mod\\0junk").name)\nprint(package.loaded.mod ~= nil)\n', { files: { 'mod.lua': RET_TABLE } })));
});

describe('require errors', () => {
  test('not found: the whole message with the default paths', () => expectSame(script('require "nosuch_module_x"\n')));
  test('not found under pcall (no position) and with a dotted name (the C root searcher adds its lines)', () =>
    expectSame(script('print(pcall(require, "nosuch"))\nprint(pcall(require, "no.such.mod"))\n')));
  test('a syntax error in the module', () =>
    expectSame(script('print(pcall(require, "bad"))\nrequire "bad"\n', { files: { 'bad.lua': 'local x = = 1\n' } })));
  test('a runtime error in the module, then the sentinel: loop or previous error', () =>
    expectSame(script('print(pcall(require, "err"))\nprint(pcall(require, "err"))\nrequire "err"\n', {
      files: { 'err.lua': 'local t = nil\nreturn t.x\n' },
    })));
  test('an uncaught error inside a module shows require in the traceback', () =>
    expectSame(script('local function f() require "boom" end\nf()\n', { files: { 'boom.lua': 'error("boom")\n' } })));
  test('a module requiring itself: loop', () =>
    expectSame(script('print(pcall(require, "loop"))\n', {
      files: { 'loop.lua': 'print("loading", ...)\nlocal ok, e = pcall(require, "loop")\nprint(ok, e)\nrequire "loop"\n' },
    })));
  test('mutual requires', () =>
    expectSame(script('require "ma"\n', {
      files: { 'ma.lua': 'print("ma")\nrequire "mb"\n', 'mb.lua': 'print("mb")\nrequire "ma"\n' },
    })));
  test('a directory named like a module cannot be read', () =>
    expectSame(script('print(pcall(require, "dir"))\n', { dirs: ['dir.lua'] })));
  test('bad arguments', () =>
    expectSame(script('print(pcall(require))\nprint(pcall(require, {}))\nprint(pcall(require, 12))\n')));
  test("package.loaders, package.preload and package.path of the wrong type", () =>
    expectSame(script(
      'local p = package\n' +
      'p.path = {} print(pcall(require, "x1"))\np.path = "./?.lua"\n' +
      'p.cpath = false print(pcall(require, "x2"))\np.cpath = ""\n' +
      'local pre = p.preload p.preload = 1 print(pcall(require, "x3"))\np.preload = pre\n' +
      'local l = p.loaders p.loaders = nil print(pcall(require, "x4"))\np.loaders = l\n' +
      'print(pcall(require, "x5"))\n',
    )));
  test('require and the searchers use the package table they were opened with', () =>
    expectSame(script(
      'local p = package\npackage = nil\np.preload.q = function(n) return "q:" .. n end\nprint(require "q")\n' +
      'p.loaded = {}\nprint(require "q")\n',
    )));
  test('a module name with a NUL is reported up to the NUL', () =>
    expectSame(script('print(pcall(require, "ab\\0cd"))\n')));
});

describe('preload and loaders', () => {
  test('package.preload functions get the name; their result is cached', () =>
    expectSame(script(
      'package.preload.p = function(...) print("preload", select("#", ...), ...) return {v = 1} end\n' +
      'print(require("p").v, require("p") == package.loaded.p)\n',
    )));
  test('a preload value that is a string is added to the message; a table is skipped', () =>
    expectSame(script(
      'package.preload.s = "\\n\\tcustom text"\nprint(pcall(require, "s"))\n' +
      'package.preload.t = {}\nprint(pcall(require, "t"))\n',
    )));
  test('custom loaders: strings accumulate, numbers too, functions load', () =>
    expectSame(script(
      'table.insert(package.loaders, 1, function(n) return "\\n\\tfirst " .. n end)\n' +
      'table.insert(package.loaders, 2, function(n) return 42 end)\n' +
      'table.insert(package.loaders, 3, function(n) if n == "yes" then return function(m) return "loaded " .. m end end end)\n' +
      'print(require "yes")\nprint(pcall(require, "no"))\n',
    )));
  test('a loader that is not a function, a loader that errors', () =>
    expectSame(script(
      'local l = package.loaders\nl[1] = 5\nprint(pcall(require, "a"))\nl[1] = function() error("loader failed") end\nprint(pcall(require, "b"))\n',
    )));
  test('the searchers called directly', () =>
    expectSame(script(
      'local l = package.loaders\nprint(l[1]("nope"))\nprint(l[2]("mod") ~= nil, l[2]("zz"))\nprint(l[3]("zz"))\nprint(l[4]("zz"), l[4]("zz.yy"))\n',
      { files: { 'mod.lua': RET_TABLE } },
    )));
  test('a module loaded by the loader returning a non-nil value after setting loaded', () =>
    expectSame(script(
      'package.preload.w = function(n) package.loaded[n] = "mine" return "returned" end\nprint(require "w", package.loaded.w)\n',
    )));
});

describe('module and package.seeall', () => {
  test('module(..., package.seeall): _NAME, _M, _PACKAGE, globals seen through the module', () =>
    expectSame(script(
      'require "mm"\nprint(mm.f())\nprint(getmetatable(mm).__index == _G, mm.print == print, package.loaded.mm == mm)\n',
      { files: { 'mm.lua': 'module(..., package.seeall)\nfunction f() return _NAME, _PACKAGE, _M == mm, type(print) end\n' } },
    )));
  test('nested module names create the tables; module without seeall sees no globals', () =>
    expectSame(script(
      'require "sub.deep.m"\nprint(sub.deep.m.x, sub.deep.m._NAME, sub.deep.m._PACKAGE, sub.deep.m.print)\n' +
      'local ks = {} for k in pairs(sub.deep.m) do ks[#ks + 1] = k end table.sort(ks) print(table.concat(ks, " "))\n',
      { files: { 'sub/deep/m.lua': 'module(...)\nx = 1\n' } },
    )));
  test('module called twice keeps the table; options are called with it', () =>
    expectSame(script(
      'local function opt(m) print("opt", m._NAME) end\nmodule("twice", opt, opt)\ny = 2\nmodule("twice")\n' +
      '_G.print(y, _G.twice.y, _G.twice._NAME)\n',
    )));
  test('an existing global table becomes the module; a non-table global is a name conflict', () =>
    expectSame(script(
      'ex = {pre = 1}\nlocal function f() module("ex") return pre end\nprint(f(), ex._NAME)\n' +
      'num = 1\nprint(pcall(function() module("num") end))\nprint(pcall(function() module("num.sub") end))\n',
    )));
  test("module not called from a Lua function; bad arguments", () =>
    expectSame(script('print(pcall(module, "x"))\nprint(pcall(module))\nprint(pcall(package.seeall))\nprint(pcall(package.seeall, 1))\n')));
  test('seeall keeps an existing metatable', () =>
    expectSame(script(
      'local t = setmetatable({}, {__call = function() return "called" end})\npackage.seeall(t)\nprint(t(), t.print == print)\n',
    )));
  test('module names and package.loaded entries that are not tables', () =>
    expectSame(script(
      'package.loaded.pl = "str"\nlocal function f() module("pl") end\nf()\nprint(type(pl), package.loaded.pl == pl)\n',
    )));
});

describe('-l name', () => {
  test('-l loads a module from the path', () =>
    expectSame({ args: ['-l', 'mod', '-e', 'print(mod, package.loaded.mod.name)'], files: { 'mod.lua': RET_TABLE } }));
  test('-l of a missing module', () => expectSame({ args: ['-lnosuch', '-e', 'print(1)'] }));
  test('-l of a module with a syntax error and one with a runtime error', async () => {
    await expectSame({ args: ['-l', 'bad'], files: { 'bad.lua': 'x = = 1\n' } });
    await expectSame({ args: ['-l', 'err'], files: { 'err.lua': 'error("in module")\n' } });
  });
});

describe('C libraries (Valua loads none)', () => {
  function run(src: string, files: Record<string, string>): string {
    const dir = setUp({ args: [], files });
    const out: string[] = [];
    const L = new LuaState();
    L.g.write = (s) => void out.push(s);
    openAll(L, { ...nodeHost(dir, '', out, []), getenv: () => undefined });
    L.invoke(L.load(src, '=test'), []);
    return out.join('');
  }

  test('a .so on package.cpath fails as in a lua5.1 built without dynamic libraries', () => {
    const out = run(
      'package.cpath = "./?.so"\nprint(pcall(require, "clib"))\nprint(pcall(require, "clib.sub"))\n',
      { 'clib.so': 'not really a library' },
    );
    expect(out).toBe(
      "false\terror loading module 'clib' from file './clib.so':\n\tdynamic libraries not enabled; check your Lua installation\n" +
      "false\terror loading module 'clib.sub' from file './clib.so':\n\tdynamic libraries not enabled; check your Lua installation\n",
    );
  });

  test('package.loadlib answers nil, the message and "absent"', () => {
    expect(run('print(package.loadlib("./x.so", "luaopen_x"))\nprint(pcall(package.loadlib, "x"))\n', {})).toBe(
      'nil\tdynamic libraries not enabled; check your Lua installation\tabsent\n' +
      "false\tbad argument #2 to '?' (string expected, got no value)\n",
    );
  });
});
