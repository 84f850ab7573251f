// The libraries of the `valua` command line: everything lua5.1's
// luaL_openlibs opens, in its order (base with dofile/loadfile and
// coroutine, package, table, io, os, string, math, debug), over the host's
// files and streams, plus the helper libraries Valkey bundles, available to
// `require` (and `valua -l`) from package.preload as LuaRocks users know
// them. They are not globals until required: requiring bit, struct or
// cmsgpack sets their global as those C modules' luaopen does under 5.1;
// cjson, as lua-cjson 2.1 built without ENABLE_CJSON_GLOBAL (LuaRocks'
// build), sets none. (Valkey's scripting sandbox opens them as globals
// instead; that composition lives elsewhere.)

import { coroutineLib, debugLib, openBase, type LuaState } from '@valua/vm';
import { addPreload, makeBaseFiles, openLibs, openPackage, registerLoaded, type StdlibHost } from '@valua/stdlib';
import { newCjsonModule } from './cjson/cjson.js';
import { openCmsgpack } from './cmsgpack.js';
import { openStruct } from './struct.js';
import { openBit } from './bit.js';

/**
 * Opens the command line's libraries into a fresh state. `host` supplies
 * files (io, dofile, loadfile, require's searchers), the standard streams
 * (its stdout should be the writer print uses, L.g.write, so that print and
 * io.write share one buffer), the environment (os.getenv, LUA_PATH,
 * LUA_CPATH), exit, clock, and commands for os.execute/io.popen.
 */
export function openCommandLineLibs(L: LuaState, host: StdlibHost): void {
  openBase(L, makeBaseFiles(host));
  L.register('coroutine', coroutineLib);
  openPackage(L, host, ['_G', 'coroutine']);
  openLibs(L, { host });
  L.register('debug', debugLib);
  registerLoaded(L, ['table', 'io', 'os', 'string', 'math', 'debug']);
  addPreload(L, 'cjson', () => newCjsonModule());
  addPreload(L, 'cmsgpack', openCmsgpack);
  addPreload(L, 'struct', openStruct);
  addPreload(L, 'bit', openBit);
}
