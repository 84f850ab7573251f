// Test helper: calls a library function of a script state from TypeScript
// under pcall; returns its results or its error value.

import { LuaTable, type LuaState, type LuaValue } from '@valua/vm';

export interface CallResult {
  ok: boolean;
  values: LuaValue[];
  error: LuaValue;
}

export function libCall(L: LuaState, lib: string, fn: string, args: LuaValue[]): CallResult {
  const t = L.getGlobal(lib);
  if (!(t instanceof LuaTable)) throw new Error(`no library ${lib}`);
  const func = L.top;
  L.push(t.getStr(fn));
  for (const a of args) L.push(a);
  const st = L.pcall(args.length, -1);
  const vals = L.stack.slice(func, L.top);
  L.top = func;
  return st === 0 ? { ok: true, values: vals, error: undefined } : { ok: false, values: [], error: vals[0] };
}
