// Compile-time errors: the limits lcode.c/lparser.c enforce while generating
// code ("function or expression too complex", "control structure too long",
// "constant table overflow", "main function has more than 200 local
// variables"...). They carry the same `chunk:line: message` form as the
// parser's syntax errors, so callers print them the same way.

/** A compile error whose `message` is complete: `chunkid:line: msg`. */
export class LuaCompileError extends Error {
  readonly chunkName: string;
  readonly line: number;
  constructor(message: string, chunkName: string, line: number) {
    super(message);
    this.name = 'LuaSyntaxError';
    this.chunkName = chunkName;
    this.line = line;
  }
}

/** What an error needs to know about the function being compiled. */
export interface ErrorSite {
  readonly f: { source: string; lineDefined: number };
  readonly line: number;
}

/** luaX_syntaxerror-like: `chunk:line: msg` (plus ` near 'tok'` when known). */
export function compileError(site: ErrorSite, msg: string, near?: string, line: number = site.line): never {
  const text = near === undefined ? msg : `${msg} near '${near}'`;
  throw new LuaCompileError(`${chunkId(site.f.source)}:${line}: ${text}`, site.f.source, line);
}

const LUA_IDSIZE = 60;

/** luaO_chunkid: how a chunk name appears in messages. */
export function chunkId(source: string): string {
  if (source.startsWith('=')) return source.slice(1, LUA_IDSIZE);
  if (source.startsWith('@')) {
    const name = source.slice(1);
    const room = LUA_IDSIZE - 8; // sizeof(" '...' ")
    return name.length > room ? '...' + name.slice(name.length - room) : name;
  }
  const room = LUA_IDSIZE - 17; // sizeof(" [string \"...\"] ")
  let len = source.search(/[\n\r]/);
  if (len < 0) len = source.length;
  if (len > room) len = room;
  return len < source.length ? `[string "${source.slice(0, len)}..."]` : `[string "${source}"]`;
}
