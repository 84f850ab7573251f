// The cjson module table (lua_cjson_new): encode, decode, the configuration
// functions with their argument checks, cjson.null, cjson.new(). Every
// function of one module shares one CjsonConfig (the C upvalue), so the
// settings persist for as long as the Lua state keeps the module.

import { LuaHostFunction, LuaTable, type LuaState, type HostFunction, type LuaValue } from '@valua/vm';
import { CjsonConfig, InvalidNumbers, LibError } from './config.js';
import { jsonEncode } from './encode.js';
import { jsonDecode } from './decode.js';
import { JSON_NULL } from './null.js';

const INT_MAX = 2147483647;

/** Runs a library routine, turning its LibError into luaL_error's form. */
function guarded(L: LuaState, run: () => number): number {
  try {
    return run();
  } catch (e) {
    if (e instanceof LibError) throw L.error(e.message);
    throw e;
  }
}

/** json_arg_init: at most `args` arguments. */
function argInit(L: LuaState, nargs: number, args: number): void {
  if (nargs > args) throw L.argError(args + 1, 'found too many arguments');
}

/** json_integer_option: nil reads; otherwise an int (C cast) in [min, max]. */
function integerOption(L: LuaState, nargs: number, n: number, current: number, min: number, max: number): number {
  let setting = current;
  const v = n <= nargs ? L.arg(n) : undefined;
  if (v !== undefined) {
    // luaL_checkinteger, then stored in a C int: the low 32 bits.
    const value = L.checkInteger(n) | 0;
    if (!(min <= value && value <= max)) throw L.argError(1, `expected integer between ${min} and ${max}`);
    setting = value;
  }
  L.push(setting);
  return setting;
}

const BOOL_OPTIONS = ['off', 'on'];

/** json_enum_option with bool_true = 1: booleans, or one of `options`. */
function enumOption(L: LuaState, nargs: number, n: number, current: number, options: readonly string[]): number {
  let setting = current;
  const v = n <= nargs ? L.arg(n) : undefined;
  if (v !== undefined) {
    if (typeof v === 'boolean') setting = v ? 1 : 0;
    else {
      // luaL_checkoption
      const name = L.checkString(n);
      const i = options.indexOf(name);
      if (i < 0) throw L.argError(n, `invalid option '${name}'`);
      setting = i;
    }
  }
  if (setting === 0 || setting === 1) L.push(setting === 1);
  else L.push(options[setting]);
  return setting;
}

function makeFunctions(cfg: CjsonConfig): Record<string, HostFunction> {
  return {
    encode: (L, base, nargs) =>
      guarded(L, () => {
        if (nargs !== 1) throw L.argError(1, 'expected 1 argument');
        L.push(jsonEncode(cfg, L.stack[base]));
        return 1;
      }),
    decode: (L, _base, nargs) =>
      guarded(L, () => {
        if (nargs !== 1) throw L.argError(1, 'expected 1 argument');
        L.push(jsonDecode(cfg, L.checkString(1)));
        return 1;
      }),
    encode_sparse_array: (L, _base, nargs) => {
      argInit(L, nargs, 3);
      cfg.encodeSparseConvert = enumOption(L, nargs, 1, cfg.encodeSparseConvert, BOOL_OPTIONS);
      cfg.encodeSparseRatio = integerOption(L, nargs, 2, cfg.encodeSparseRatio, 0, INT_MAX);
      cfg.encodeSparseSafe = integerOption(L, nargs, 3, cfg.encodeSparseSafe, 0, INT_MAX);
      return 3;
    },
    encode_max_depth: (L, _base, nargs) => {
      argInit(L, nargs, 1);
      cfg.encodeMaxDepth = integerOption(L, nargs, 1, cfg.encodeMaxDepth, 1, INT_MAX);
      return 1;
    },
    decode_max_depth: (L, _base, nargs) => {
      argInit(L, nargs, 1);
      cfg.decodeMaxDepth = integerOption(L, nargs, 1, cfg.decodeMaxDepth, 1, INT_MAX);
      return 1;
    },
    encode_number_precision: (L, _base, nargs) => {
      argInit(L, nargs, 1);
      cfg.encodeNumberPrecision = integerOption(L, nargs, 1, cfg.encodeNumberPrecision, 1, 14);
      return 1;
    },
    encode_keep_buffer: (L, _base, nargs) => {
      // Only the setting is observable: the C buffer it keeps is not.
      argInit(L, nargs, 1);
      cfg.encodeKeepBuffer = enumOption(L, nargs, 1, cfg.encodeKeepBuffer, BOOL_OPTIONS);
      return 1;
    },
    encode_invalid_numbers: (L, _base, nargs) => {
      argInit(L, nargs, 1);
      cfg.encodeInvalidNumbers = enumOption(L, nargs, 1, cfg.encodeInvalidNumbers, ['off', 'on', 'null']) as InvalidNumbers;
      return 1;
    },
    decode_invalid_numbers: (L, _base, nargs) => {
      argInit(L, nargs, 1);
      cfg.decodeInvalidNumbers = enumOption(L, nargs, 1, cfg.decodeInvalidNumbers, BOOL_OPTIONS);
      return 1;
    },
    new: (L) => {
      L.push(newCjsonModule());
      return 1;
    },
  };
}

/** lua_cjson_new: a module table with a fresh configuration. */
export function newCjsonModule(): LuaTable {
  const t = new LuaTable();
  const fns = makeFunctions(new CjsonConfig());
  for (const name of Object.keys(fns)) t.setStr(name, new LuaHostFunction(name, fns[name]!));
  t.setStr('null', JSON_NULL as LuaValue);
  t.setStr('_NAME', 'cjson');
  t.setStr('_VERSION', '2.1.0');
  return t;
}

/** luaopen_cjson with ENABLE_CJSON_GLOBAL (as Valkey builds it): sets the global `cjson`. */
export function openCjson(L: LuaState): LuaTable {
  const t = newCjsonModule();
  L.setGlobal('cjson', t);
  return t;
}
