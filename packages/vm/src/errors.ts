// LuaError: the one exception class of the engine. It carries any Lua value
// (error() accepts tables, nil, ...) and, once known, the traceback text.
// Invariant: nothing but LuaError leaves the engine; JS exceptions from host
// code are converted at the call boundary (see `toLuaError`).

import type { LuaValue } from './value.js';

export class LuaError extends Error {
  /** The Lua error value (usually a string with a "chunk:line: " prefix). */
  value: LuaValue;
  /** "stack traceback:\n\t..." captured where the error was raised, if requested. */
  traceback: string | undefined;
  /** Status: 2 = LUA_ERRRUN, 4 = LUA_ERRMEM, 5 = LUA_ERRERR. */
  status: number;

  constructor(value: LuaValue, status = 2) {
    // No JS stack: errors are frequent under pcall and the JS stack says
    // nothing about the Lua program.
    const E = Error as unknown as { stackTraceLimit: number }; // V8's knob, absent from lib.d.ts
    const limit = E.stackTraceLimit;
    E.stackTraceLimit = 0;
    super(typeof value === 'string' ? value : typeof value === 'number' ? String(value) : `(error object is a ${describe(value)} value)`);
    E.stackTraceLimit = limit;
    this.name = 'LuaError';
    this.value = value;
    this.traceback = undefined;
    this.status = status;
  }
}

function describe(v: LuaValue): string {
  if (v === undefined) return 'nil';
  if (typeof v === 'boolean') return 'boolean';
  return 'non-string';
}

/** Status codes as lua.h. */
export const LUA_OK = 0;
export const LUA_YIELD = 1;
export const LUA_ERRRUN = 2;
export const LUA_ERRSYNTAX = 3;
export const LUA_ERRMEM = 4;
export const LUA_ERRERR = 5;

/**
 * Converts whatever a host function threw into a LuaError. A JS RangeError
 * from a huge string or array becomes Lua's "not enough memory" (what
 * lua5.1 reports when an allocation fails); a stack RangeError becomes
 * "stack overflow"; anything else becomes an error with its message.
 */
export function toLuaError(e: unknown): LuaError {
  if (e instanceof LuaError) return e;
  if (e instanceof RangeError) {
    if (/call stack/i.test(e.message)) return new LuaError('stack overflow');
    return new LuaError('not enough memory', LUA_ERRMEM);
  }
  if (e instanceof Error) return new LuaError(e.message);
  return new LuaError(String(e));
}
