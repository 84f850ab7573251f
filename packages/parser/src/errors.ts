// Syntax errors and chunk names as lua5.1 prints them.
import { cString } from '@valua/lexer';

/** LUA_IDSIZE: the buffer luaO_chunkid fills for runtime messages. */
export const LUA_IDSIZE = 60;
/** MAXSRC in llex.c: the (larger) buffer used for syntax error messages. */
export const MAXSRC = 80;

/** A compile-time error; `message` is the complete Lua text (`chunk:line: msg near 'tok'`). */
export class LuaSyntaxError extends Error {
  /** The line in the message prefix. */
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'LuaSyntaxError';
    this.line = line;
  }
}

/**
 * luaO_chunkid: how a chunk name appears in messages. `=name` prints `name`,
 * `@file` prints the file name (its tail, after "...", when too long), and
 * anything else is source text shown as `[string "first line..."]`.
 * `bufflen` is the C buffer size: LUA_IDSIZE (60) for runtime errors, and
 * MAXSRC (80) for syntax errors. The name is a C string: it ends at a NUL.
 */
export function chunkId(chunkName: string, bufflen: number = LUA_IDSIZE): string {
  const source = cString(chunkName);
  if (source.charCodeAt(0) === 61 /* = */) {
    return source.slice(1, bufflen);
  }
  if (source.charCodeAt(0) === 64 /* @ */) {
    const name = source.slice(1);
    const room = bufflen - 8; // sizeof(" '...' ")
    return name.length > room ? '...' + name.slice(name.length - room) : name;
  }
  let len = source.search(/[\n\r]/);
  if (len < 0) len = source.length;
  const room = bufflen - 17; // sizeof(" [string \"...\"] ")
  if (len > room) len = room;
  return len < source.length
    ? '[string "' + source.slice(0, len) + '..."]'
    : '[string "' + source + '"]';
}
