// @valua/parser: Lua 5.1 source to the typed AST, with lua5.1's syntax errors.
// Parsing
export { parse, type ParseOptions } from './parser.js';
export { LuaSyntaxError, chunkId, LUA_IDSIZE, MAXSRC } from './errors.js';
// The AST
export type * from './ast.js';
// Printing
export { printChunk } from './printer.js';
