// Running a chunk the way the lua5.1 command runs a script (lua.c): a host
// frame standing for lua.c's pmain, the chunk loaded (syntax errors
// reported as they are), then called under a message handler that appends
// the traceback, exactly as lua.c's docall + traceback do. For the CLI and
// the differential tests.

import { LuaError, LUA_OK, LUA_ERRSYNTAX } from './errors.js';
import { LuaState, MULTRET } from './state.js';
import type { LuaValue } from './value.js';
import { LuaHostFunction } from './value.js';
import { LuaTable } from './table.js';
import { call, pcall } from './call.js';
import { traceback } from './debug.js';
import { openBase } from './lib/base.js';
import { coroutineLib } from './lib/coroutine.js';
import { debugLib } from './lib/debug.js';

/** A state with the VM's own libraries: base, coroutine, debug.traceback. */
export function newState(): LuaState {
  const L = new LuaState();
  openBase(L);
  L.register('coroutine', coroutineLib);
  L.register('debug', debugLib);
  return L;
}

/**
 * lua.c's traceback message handler: a string message gets
 * debug.traceback(msg, 2) appended (through the global `debug.traceback`,
 * as lua.c looks it up); other values pass unchanged.
 */
export const tracebackHandler = new LuaHostFunction('traceback', (L: LuaState): number => {
  const msg = L.arg(1);
  if (typeof msg !== 'string' && typeof msg !== 'number') { L.push(msg); return 1; }
  const dbg = L.getGlobal('debug');
  if (!(dbg instanceof LuaTable)) { L.push(msg); return 1; }
  const tb = dbg.getStr('traceback');
  if (tb === undefined) { L.push(msg); return 1; }
  L.push(tb);
  L.push(msg);
  L.push(2);
  L.call(2, 1);
  return 1;
});

export interface RunOptions {
  /** Receives everything print() writes (byte strings). */
  stdout?: (s: string) => void;
  /** An existing state (default: newState()). */
  state?: LuaState;
}

export interface RunResult {
  /** 0 = ok, else LUA_ERRRUN / LUA_ERRSYNTAX / LUA_ERRMEM / LUA_ERRERR. */
  status: number;
  /**
   * What lua5.1 prints after "lua5.1: " on stderr (message plus traceback
   * for runtime errors; "(error object is not a string)" for other values),
   * or undefined (success, or a nil error value, which lua.c does not report).
   */
  error: string | undefined;
  /** The raw error value. */
  errorValue: LuaValue;
}

/** Runs `source` as lua5.1 runs a script file; `chunkName` e.g. "@x.lua". */
export function runChunk(source: string, chunkName: string, opts: RunOptions = {}): RunResult {
  const L = opts.state ?? newState();
  if (opts.stdout !== undefined) L.g.write = opts.stdout;
  const result: RunResult = { status: LUA_OK, error: undefined, errorValue: undefined };
  const pmain = new LuaHostFunction('pmain', (L1: LuaState): number => {
    let fn;
    try {
      fn = L1.load(source, chunkName);
    } catch (e) {
      if (!(e instanceof LuaError)) throw e;
      result.status = LUA_ERRSYNTAX;
      result.errorValue = e.value;
      return 0;
    }
    const func = L1.top;
    L1.push(fn);
    const status = pcall(L1, func, MULTRET, tracebackHandler);
    if (status !== LUA_OK) {
      result.status = status;
      result.errorValue = L1.stack[func];
    }
    return 0;
  });
  const func = L.top;
  L.push(pmain);
  const st = pcall(L, func, 0);
  if (st !== LUA_OK) {
    result.status = st;
    result.errorValue = L.stack[func];
  }
  L.top = func;
  if (result.status !== LUA_OK && result.errorValue !== undefined) {
    const v = result.errorValue;
    result.error = typeof v === 'string' ? v : typeof v === 'number' ? L.toStr(v) : '(error object is not a string)';
  }
  return result;
}

export { traceback, call };
