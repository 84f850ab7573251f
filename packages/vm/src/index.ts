// @valua/vm: the public surface.

// Compiling
export { compile, compileSource } from './compiler/index.js';
export { valuacMain, STRERROR, type ValuacIo } from './compiler/valuac.js';
export { listing, type ListingOptions } from './disasm.js';
export { Proto, type Constant, type LocVar } from './proto.js';
// Binary chunks
export { dumpProto } from './dump.js';
export { undumpProto } from './undump.js';
// Values and tables
export {
  LuaClosure, LuaHostFunction, LuaUserdata, UpVal,
  type LuaValue, type LuaFunction, type HostFunction, type LuaTypeName,
} from './value.js';
export { LuaTable, nextEntry } from './table.js';
export { numberToString, stringToNumber, stringToNumberBase, formatG } from './number.js';
export { cStrtod, type StrtodResult } from './strtod.js';
export { cPow, powPositive, NEG_NAN, POS_NAN } from './cmath.js';
// the double-double kernel under cPow, for the stdlib's exact math (dd-math.ts);
// DD_R holds every primitive's (hi, lo) result
export {
  R as DD_R, twoSum, twoProd, ddAdd, ddMul, ddDiv, ddExp, ddLog, scaleRound,
  INV_FACT_HI, INV_FACT_LO, ODD_INV_HI, ODD_INV_LO,
} from './cmath.js';
// Running
export {
  LuaState, GlobalState, CallFrame, ThreadStatus, MULTRET, MAX_CALLS, MAX_C_CALLS,
  toInteger, type LibTable,
} from './state.js';
export { runChunk, newState, tracebackHandler, type RunOptions, type RunResult } from './run.js';
// Errors
export {
  LuaError, toLuaError, LUA_OK, LUA_YIELD, LUA_ERRRUN, LUA_ERRSYNTAX, LUA_ERRMEM, LUA_ERRERR,
} from './errors.js';
export { argError, typeError, runtimeError, luaError, typeNameOf } from './messages.js';
export { traceback, chunkId, where, frameAtLevel } from './debug.js';
export { tostringRaw, addressOf, rawEquals } from './ops.js';
// Libraries owned by the VM
export { baseLib, openBase } from './lib/base.js';
export { coroutineLib, resume as resumeThread } from './lib/coroutine.js';
export { debugLib } from './lib/debug.js';
// Command line (no Node imports: bin/valua supplies the host)
export {
  valuaMain, openStandardLibs, pipedLineReader, CliFileError, VALUA_VERSION, VALUA_VERSION_LINE,
  type CliHost,
} from './cli.js';
