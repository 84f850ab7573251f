// openLibs: installs the standard libraries into a state, one by one, so a
// sandbox can choose (Valkey's scripting loads string, table and math but
// not io or os). Order as luaL_openlibs: table, io, os, string, math.

import { stringToNumber, type LuaState } from '@valua/vm';
import type { StdlibHost } from './host.js';
import { openString } from './string-lib.js';
import { openTable } from './table-lib.js';
import { openMath, sharedRandom } from './math-lib.js';
import { openOs } from './os-lib.js';
import { openIo } from './io-lib.js';
import type { Rand48 } from './rng.js';
import { shareStdin } from './base-files.js';

export type LibraryName = 'table' | 'io' | 'os' | 'string' | 'math';

export const LIBRARY_NAMES: readonly LibraryName[] = ['table', 'io', 'os', 'string', 'math'];

export interface OpenLibsOptions {
  /** Which libraries to install (default: all of LIBRARY_NAMES). */
  only?: readonly LibraryName[];
  /** Files, environment, clock and exit for io and os (default: none). */
  host?: StdlibHost;
  /** The generator behind math.random (default: one shared by the process, as in Valkey). */
  random?: Rand48;
}

export function openLibs(L: LuaState, options: OpenLibsOptions = {}): void {
  const only = options.only ?? LIBRARY_NAMES;
  const host = options.host ?? {};
  for (const name of LIBRARY_NAMES) {
    if (!only.includes(name)) continue;
    switch (name) {
      case 'table': openTable(L); break;
      case 'io': shareStdin(L, openIo(L, host, stringToNumber)); break; // dofile() reads io's stdin
      case 'os': openOs(L, host); break;
      case 'string': openString(L); break;
      case 'math': openMath(L, options.random ?? sharedRandom); break;
    }
  }
}
