// @valua/valkey-api: the Valkey scripting layer.

// Helper libraries Valkey bundles (each opener sets its global and returns the table)
export { openCjson, newCjsonModule } from './cjson/cjson.js';
export { JSON_NULL } from './cjson/null.js';
export { openCmsgpack, cmsgpackLib } from './cmsgpack.js';
export { openStruct, structLib } from './struct.js';
export { openBit, bitLib } from './bit.js';
// The `valua` command line's libraries (lua5.1's set plus the helpers in package.preload)
export { openCommandLineLibs } from './cli-libs.js';
// Replies
export { luaToReply, type ReplyOptions } from './reply.js';
export { formatDoubleReply, integerText, RESP_NULL, type RespValue } from './resp.js';
