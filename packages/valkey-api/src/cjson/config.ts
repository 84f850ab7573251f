// The configuration one cjson module instance carries (json_config_t).
// One instance lives as long as the Lua state that loaded the module, so a
// script that changes it affects every later script in that state (spec
// §14.6); cjson.new() makes an independent one.

/** encode_invalid_numbers: 0 = "off" (error), 1 = "on", 2 = "null". */
export const enum InvalidNumbers {
  Off = 0,
  On = 1,
  Null = 2,
}

export class CjsonConfig {
  encodeSparseConvert: number;
  encodeSparseRatio: number;
  encodeSparseSafe: number;
  encodeMaxDepth: number;
  encodeInvalidNumbers: InvalidNumbers;
  encodeNumberPrecision: number;
  encodeKeepBuffer: number;
  decodeInvalidNumbers: number;
  decodeMaxDepth: number;

  constructor() {
    this.encodeSparseConvert = 0;
    this.encodeSparseRatio = 2;
    this.encodeSparseSafe = 10;
    this.encodeMaxDepth = 1000;
    this.encodeInvalidNumbers = InvalidNumbers.Off;
    this.encodeNumberPrecision = 14;
    this.encodeKeepBuffer = 1;
    this.decodeInvalidNumbers = 1;
    this.decodeMaxDepth = 1000;
  }
}

/**
 * An error raised by a library routine with luaL_error(): the message
 * without position; the host-function wrapper adds the caller's position.
 */
export class LibError {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

/**
 * LUAI_MAXCSTACK: a C function may hold at most this many stack slots; the
 * libraries' lua_checkstack() calls fail beyond it, which is what really
 * bounds nesting when the configured depth limits are raised (redis 7.0:
 * encoding 9000 nested arrays with encode_max_depth(100000) fails with
 * "Cannot serialise, excessive nesting (7998)").
 */
export const MAX_C_STACK = 8000;
