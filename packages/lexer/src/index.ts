// @valua/lexer: Lua 5.1 source bytes to Chevrotain tokens.
// Tokenising
export {
  tokenize, lexSegment, TokenBuffer, type LexResult, type Segment, type LexErrorPayload, type LuaToken,
} from './lexer.js';
export * as T from './tokens.js';
export { allTokens } from './tokens.js';
// Helpers shared with the parser and the VM
export { cString } from './matchers.js';
export { str2number } from './str2number.js';
