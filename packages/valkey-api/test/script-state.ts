// Test helper: runs a script the way an EVAL body runs (chunk "@user_script",
// KEYS/ARGV globals, the base/string/table/math libraries and the four
// helper libraries) and returns its first result or its error value.

import { LuaState, LuaTable, newState, type LuaValue } from '@valua/vm';
import { openString, openTable, openMath } from '@valua/stdlib';
import { openCjson } from '../src/cjson/cjson.js';
import { openCmsgpack } from '../src/cmsgpack.js';
import { openStruct } from '../src/struct.js';
import { openBit } from '../src/bit.js';

export function scriptState(keys: readonly string[] = [], args: readonly string[] = []): LuaState {
  const L = newState();
  openString(L);
  openTable(L);
  openMath(L);
  openCjson(L);
  openCmsgpack(L);
  openStruct(L);
  openBit(L);
  const k = new LuaTable();
  keys.forEach((s, i) => k.setInt(i + 1, s));
  const a = new LuaTable();
  args.forEach((s, i) => a.setInt(i + 1, s));
  L.setGlobal('KEYS', k);
  L.setGlobal('ARGV', a);
  return L;
}

export interface Outcome {
  value?: LuaValue;
  /** The error value as text (tostring), when the script raised one. */
  error?: string;
}

/** Compiles and runs `script` under pcall in `L` (a fresh script state by default). */
export function runScript(script: string, keys: readonly string[] = [], args: readonly string[] = [], L = scriptState(keys, args)): Outcome {
  let fn;
  try {
    fn = L.load(script, '@user_script');
  } catch (e) {
    return { error: 'compile: ' + String((e as { value?: unknown }).value ?? e) };
  }
  const func = L.top;
  L.push(fn);
  const st = L.pcall(0, 1);
  const v = L.stack[func];
  L.top = func;
  if (st !== 0) return { error: L.tostring(v) };
  return { value: v };
}
