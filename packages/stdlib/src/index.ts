// @valua/stdlib: the string, table, math, os and io libraries of Lua 5.1.

// Installing
export { openLibs, LIBRARY_NAMES, type LibraryName, type OpenLibsOptions } from './open.js';
export { openString, stringLib } from './string-lib.js';
export { openTable, tableLib } from './table-lib.js';
export { openMath, makeMathLib, sharedRandom } from './math-lib.js';
export { openOs, makeOsLib } from './os-lib.js';
export { openIo } from './io-lib.js';
export { openPackage, registerLoaded, addPreload, LUA_PATH_DEFAULT, LUA_CPATH_DEFAULT } from './package-lib.js';
export { makeBaseFiles, readStdinRest } from './base-files.js';
// Host interfaces (files, environment, clock, time zone)
export { HostIoError, type FileSystem, type HostFile, type StdlibHost } from './host.js';
export { utcZone, environmentZone, type TimeZone } from './time.js';
// The Valkey random generator
export { Rand48 } from './rng.js';
