// The part of the debug library the VM owns: traceback (db_errorfunc),
// which lua.c's message handler calls for every uncaught error.

import { LuaState } from '../state.js';
import type { LibTable } from '../state.js';
import { traceback } from '../debug.js';
import { checkInt } from './base.js';

/** debug.traceback([thread,] [msg [, level]]) as ldblib.c's db_errorfunc. */
function dbTraceback(L: LuaState): number {
  let arg = 0;
  let L1 = L;
  const t = L.arg(1);
  if (t instanceof LuaState) { L1 = t; arg = 1; }
  let level = L === L1 ? 1 : 0;
  const lv = L.arg(arg + 2);
  if (typeof lv === 'number' || (typeof lv === 'string' && L.toNumber(lv) !== undefined)) level = checkInt(L, arg + 2);
  const msg = L.arg(arg + 1);
  const nargs = L.argCount();
  if (nargs > arg && typeof msg !== 'string' && typeof msg !== 'number') {
    L.push(msg);
    return 1;
  }
  // level 0 is traceback's own frame; 1 the function that called it.
  const text = nargs > arg ? L.toStr(msg) : undefined;
  L.push(traceback(L1, text, level));
  return 1;
}

export const debugLib: LibTable = {
  traceback: dbTraceback,
};
