#!/usr/bin/env node
// Runs one Lua file on fengari (Lua 5.3 in JavaScript) with its standard
// libraries, like `lua file.lua`: the bench runner times this process from
// outside, exactly as it times lua5.1, luajit and bin/valua.
import { readFileSync } from 'node:fs';
import fengari from 'fengari';

const { lua, lauxlib, lualib, to_luastring } = fengari;
const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: fengari-run.js file.lua\n');
  process.exit(2);
}
const L = lauxlib.luaL_newstate();
lualib.luaL_openlibs(L);
const src = readFileSync(file);
let status = lauxlib.luaL_loadbuffer(L, src, null, to_luastring('@' + file));
if (status === lua.LUA_OK) status = lua.lua_pcall(L, 0, 0, 0);
if (status !== lua.LUA_OK) {
  const msg = lua.lua_tojsstring(L, -1);
  process.stderr.write(`fengari: ${msg}\n`);
  process.exitCode = 1;
}
