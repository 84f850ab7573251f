// value.ts: upvalues (open on a stack slot, then closed), object identity.

import { UpVal, LuaHostFunction, LuaUserdata, type LuaValue } from '../src/value.js';

describe('UpVal', () => {
  it('reads and writes the stack slot while open, its own value once closed', () => {
    const stack: LuaValue[] = [1, 2, 3];
    const uv = new UpVal(stack, 1, undefined);
    expect(uv.get()).toBe(2);
    uv.set('x');
    expect(stack[1]).toBe('x');
    uv.value = uv.get();
    uv.stack = undefined;
    stack[1] = 'changed';
    expect(uv.get()).toBe('x');
    uv.set(5);
    expect(uv.get()).toBe(5);
    expect(stack[1]).toBe('changed');
  });

  it('objects get distinct identities', () => {
    const a = new LuaHostFunction('a', () => 0);
    const b = new LuaUserdata(null);
    expect(a.id).not.toBe(b.id);
    expect(a.name).toBe('a');
  });
});
