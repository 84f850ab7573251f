// Compile-time errors: the limits lcode.c enforces while generating code
// ("function or expression too complex", "control structure too long",
// "constant table overflow"). They are the parser's LuaSyntaxError, with the
// same `chunk:line: message` form (chunk ids cut at MAXSRC = 80 as llex.c does).

import { LuaSyntaxError, chunkId } from '@valua/parser';

/** llex.c's MAXSRC: the chunk-id buffer size for syntax errors. */
const MAXSRC = 80;

/** What an error needs to know about the function being compiled. */
export interface ErrorSite {
  readonly f: { source: string };
  readonly line: number;
}

/** luaX_syntaxerror-like: `chunk:line: msg` (plus ` near 'tok'` when known). */
export function compileError(site: ErrorSite, msg: string, near?: string, line: number = site.line): never {
  const text = near === undefined ? msg : `${msg} near '${near}'`;
  throw new LuaSyntaxError(`${chunkId(site.f.source, MAXSRC)}:${line}: ${text}`, line);
}
