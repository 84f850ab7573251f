// errors.ts: LuaError and the conversion of JS exceptions.

import { LuaError, toLuaError, LUA_ERRMEM, LUA_ERRRUN } from '../src/errors.js';
import { LuaTable } from '../src/table.js';

describe('LuaError', () => {
  it('carries any Lua value', () => {
    const t = new LuaTable();
    const e = new LuaError(t);
    expect(e.value).toBe(t);
    expect(e.status).toBe(LUA_ERRRUN);
    expect(new LuaError('x.lua:1: boom').message).toBe('x.lua:1: boom');
    expect(new LuaError(undefined).message).toBe('(error object is a nil value)');
  });

  it('converts JS exceptions', () => {
    expect(toLuaError(new RangeError('Invalid string length')).value).toBe('not enough memory');
    expect(toLuaError(new RangeError('Invalid string length')).status).toBe(LUA_ERRMEM);
    expect(toLuaError(new RangeError('Maximum call stack size exceeded')).value).toBe('stack overflow');
    expect(toLuaError(new TypeError('bad')).value).toBe('bad');
    expect(toLuaError('str').value).toBe('str');
    const e = new LuaError(1);
    expect(toLuaError(e)).toBe(e);
  });
});
