// Entry points of the compiler: AST -> Proto, and source -> Proto.

import { parse } from '@valua/parser';
import type { Proto } from '../proto.js';
import { compile } from './compile.js';

export { compile };

/** Parses and compiles `source`; syntax and compile-limit errors are thrown
 *  with lua5.1's `chunk:line: message` text. */
export function compileSource(source: string, chunkName: string): Proto {
  return compile(parse(source, chunkName));
}
