// The Lua 5.1 parser: Chevrotain tokens to the typed AST of ast.ts, with
// lua5.1's syntax errors, compile-time limits and error positions.
//
// The grammar follows lparser.c function by function (each method carries
// its production), so that every error is raised at the token, and in the
// order, where lua5.1 raises it. Decisions are LL(1) on the current token
// (plus the one look-ahead lparser takes in table constructors), made in the
// method bodies rather than by Chevrotain's OR/MANY: Chevrotain's lookahead
// and error recovery decide and report differently from lparser (e.g. a
// statement starting with '=' must fail as "unexpected symbol" inside
// primaryexp, not as "no viable alternative"). Chevrotain provides the lexer
// (tokens.ts/matchers.ts in @valua/lexer), the token vocabulary and the
// parser class with its entry rule, built once per process.
//
// Invariants:
// - `t` is lparser's `ls->t`. A `LexError` token never becomes current
//   without its lexical error being raised (see `next`): lua5.1 raises a
//   lexical error as soon as it reads the bad token.
// - `lastLine` is lparser's `ls->lastline`: where the previously consumed
//   token ends.
// - `level` is lparser's `L->nCcalls`: entered by every chunk (statement
//   list) and subexpression; more than MAX_C_CALLS is an error, raised before
//   recursing deeper, so no input can overflow the JS stack.
import { EmbeddedActionsParser, EOF, type TokenType } from 'chevrotain';
import { allTokens, lexSegment, T, cString, type LexErrorPayload, type LuaToken } from '@valua/lexer';
import type * as A from './ast.js';
import { chunkId, LuaSyntaxError, MAXSRC } from './errors.js';
import {
  adjustLocalVars, FuncState, LimitError, limitMessage, MAX_C_CALLS, newLocalVar, resolveName,
} from './scope.js';

/** Options for parse(). */
export interface ParseOptions {
  /**
   * lua5.1's C-call depth (`nCcalls`) when the parser starts; it counts
   * against the 200 syntax levels. 1 for `lua5.1 file` and `luac5.1`, 2 for
   * `loadstring` called from a Lua chunk. Default 1.
   */
  cCalls?: number;
  /**
   * Skip a first line starting with '#' as luaL_loadfile does for files
   * (`lua5.1 file`, `luac5.1`, loadfile, dofile): the line's bytes are
   * dropped, its line break kept, so line numbers do not change. loadstring
   * does not do this. Default false.
   */
  skipHashLine?: boolean;
}

/** lparser.c's UNARY_PRIORITY: unary operators bind tighter than all binary ones but '^'. */
const UNARY_PRIORITY = 8;

function idx(t: TokenType): number {
  return t.tokenTypeIdx as number;
}

const MAX_IDX = Math.max(...allTokens.map(idx), idx(EOF)) + 1;
const LEFT_PRIO = new Int8Array(MAX_IDX);
const RIGHT_PRIO = new Int8Array(MAX_IDX);
const BIN_OP: (A.BinaryOp | undefined)[] = new Array(MAX_IDX).fill(undefined);
const UN_OP: (A.UnaryOp | undefined)[] = new Array(MAX_IDX).fill(undefined);
const BLOCK_FOLLOW = new Uint8Array(MAX_IDX);
/** Texts of fixed tokens for messages (luaX_token2str). */
const TOKEN_TEXT: string[] = new Array(MAX_IDX).fill('');

/** Binary operators with lparser.c's priority[] (left, right); '^' and '..' are right-associative. */
function binop(t: TokenType, op: A.BinaryOp, left: number, right: number): void {
  LEFT_PRIO[idx(t)] = left;
  RIGHT_PRIO[idx(t)] = right;
  BIN_OP[idx(t)] = op;
}
binop(T.Plus, '+', 6, 6); binop(T.Minus, '-', 6, 6);
binop(T.Star, '*', 7, 7); binop(T.Slash, '/', 7, 7); binop(T.Percent, '%', 7, 7);
binop(T.Caret, '^', 10, 9); binop(T.Concat, '..', 5, 4);
binop(T.Eq, '==', 3, 3); binop(T.Ne, '~=', 3, 3);
binop(T.Lt, '<', 3, 3); binop(T.Le, '<=', 3, 3); binop(T.Gt, '>', 3, 3); binop(T.Ge, '>=', 3, 3);
binop(T.And, 'and', 2, 2); binop(T.Or, 'or', 1, 1);
UN_OP[idx(T.Minus)] = '-'; UN_OP[idx(T.Not)] = 'not'; UN_OP[idx(T.Hash)] = '#';
for (const t of [T.Else, T.Elseif, T.End, T.Until, EOF]) BLOCK_FOLLOW[idx(t)] = 1;
for (const t of allTokens) TOKEN_TEXT[idx(t)] = t.name;
for (const [t, s] of [
  [T.Dots, '...'], [T.Concat, '..'], [T.Dot, '.'], [T.Eq, '=='], [T.Assign, '='], [T.Le, '<='],
  [T.Lt, '<'], [T.Ge, '>='], [T.Gt, '>'], [T.Ne, '~='], [T.Plus, '+'], [T.Minus, '-'], [T.Star, '*'],
  [T.Slash, '/'], [T.Percent, '%'], [T.Caret, '^'], [T.Hash, '#'], [T.LParen, '('], [T.RParen, ')'],
  [T.LBrace, '{'], [T.RBrace, '}'], [T.LBracket, '['], [T.RBracket, ']'], [T.Semi, ';'],
  [T.Colon, ':'], [T.Comma, ','], [T.Name, '<name>'], [EOF, '<eof>'],
] as [TokenType, string][]) TOKEN_TEXT[idx(t)] = s;

const I_NAME = idx(T.Name), I_STRING = idx(T.ShortString), I_LSTRING = idx(T.LongString);
const I_NUMBER = idx(T.Numeral), I_OTHER = idx(T.Other), I_LEXERR = idx(T.LexError), I_EOF = idx(EOF);
const I_LPAREN = idx(T.LParen), I_RPAREN = idx(T.RParen), I_LBRACE = idx(T.LBrace), I_RBRACE = idx(T.RBrace);
const I_LBRACKET = idx(T.LBracket), I_RBRACKET = idx(T.RBracket), I_DOT = idx(T.Dot), I_COLON = idx(T.Colon);
const I_COMMA = idx(T.Comma), I_SEMI = idx(T.Semi), I_ASSIGN = idx(T.Assign), I_DOTS = idx(T.Dots);
const I_END = idx(T.End), I_THEN = idx(T.Then), I_DO = idx(T.Do), I_IN = idx(T.In), I_UNTIL = idx(T.Until);
const I_ELSE = idx(T.Else), I_ELSEIF = idx(T.Elseif), I_FUNCTION = idx(T.FunctionKw);
const I_IF = idx(T.If), I_WHILE = idx(T.While), I_FOR = idx(T.For), I_REPEAT = idx(T.Repeat);
const I_LOCAL = idx(T.Local), I_RETURN = idx(T.Return), I_BREAK = idx(T.Break);
const I_NIL = idx(T.Nil), I_TRUE = idx(T.True), I_FALSE = idx(T.False);

/** txtToken / luaX_token2str: how a token appears after `near`; undefined for no `near` part. */
function tokenText(t: LuaToken): string | undefined {
  const k = t.tokenTypeIdx;
  if (k === I_NAME) return t.image;
  if (k === I_NUMBER) return cString(t.image);
  if (k === I_STRING) return cString(t.image.charAt(0) + (t.payload as string) + t.image.charAt(0));
  if (k === I_LSTRING) {
    const img = t.image;
    const sep = img.indexOf('[', 1) - 1;
    const eqs = '='.repeat(sep);
    return cString('[' + eqs + '[' + (t.payload as string) + ']' + eqs + ']');
  }
  if (k === I_OTHER) {
    const c = t.image.charCodeAt(0);
    // A NUL is token 0, and luaX_lexerror omits `near` for token 0.
    if (c === 0) return undefined;
    return c < 32 || c === 127 ? `char(${c})` : t.image;
  }
  return TOKEN_TEXT[k];
}

class LuaParser extends EmbeddedActionsParser {
  private chunkName = '';
  private fs!: FuncState;
  private level = 0;
  private lastLine = 1;
  private eofLine = 1;
  /** The name token lparser looked past in a table constructor, and the line it left ls->linenumber at. */
  private laToken: LuaToken | undefined = undefined;
  private laLine = 0;
  // The token stream, lexed one segment at a time (see lexSegment): `toks`
  // holds the current segment's tokens, the current token (ls->t) is
  // toks[pos], cached in `t`. The last segment ends with an EOF token (or a
  // LexError token, beyond which nothing is read).
  private source = '';
  private toks: LuaToken[] = [];
  private pos = 0;
  private t!: LuaToken;
  /** Where the next segment starts, and its first line; -1 when all is lexed. */
  private nextStart = 0;
  private nextLine = 1;

  constructor() {
    super(allTokens, { recoveryEnabled: false, skipValidations: true, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  // The entry rule. Rule bodies return early while Chevrotain records the
  // grammar: all decisions are made in the bodies themselves.
  public chunkRule = this.RULE('luaChunk', (): A.Chunk | undefined => {
    if (this.RECORDING_PHASE) return undefined;
    return this.mainChunk();
  });

  /** Parses a chunk's source. */
  parseSource(source: string, chunkName: string, cCalls: number): A.Chunk {
    this.chunkName = chunkName;
    this.level = cCalls;
    this.lastLine = 1;
    this.laToken = undefined;
    this.source = source;
    this.toks = [];
    this.pos = 0;
    this.nextStart = 0;
    this.nextLine = 1;
    this.fetch();
    while (this.toks.length === 0) this.fetch();
    this.t = this.toks[0] as LuaToken;
    try {
      const chunk = this.chunkRule();
      if (chunk === undefined) throw new Error('parser produced no chunk');
      return chunk;
    } catch (e) {
      // The level count keeps the parser's own recursion shallow (a few
      // hundred frames), but a host calling parse() from deep inside its own
      // recursion could still run out of JS stack: that becomes lua5.1's
      // error for too deep a nesting rather than a JS RangeError.
      if (e instanceof RangeError && e.message.includes('call stack')) {
        let err: LuaSyntaxError;
        try {
          err = this.makeError('chunk has too many syntax levels', this.lineNumber(), undefined);
        } catch {
          throw e; // not even room to build the message
        }
        throw err;
      }
      throw e;
    } finally {
      this.source = '';
      this.toks = [];
      this.laToken = undefined;
    }
  }

  /** Lexes the next segment, dropping the tokens before `pos`; false when there is none. */
  private fetch(): boolean {
    if (this.nextStart < 0) return false;
    const seg = lexSegment(this.source, this.nextStart, this.nextLine);
    const toks = seg.tokens;
    if (seg.failed || seg.end >= this.source.length) {
      this.nextStart = -1;
      if (!seg.failed) {
        this.eofLine = seg.endLine;
        toks.push({
          image: '', startOffset: this.source.length, tokenTypeIdx: I_EOF, tokenType: EOF,
          payload: undefined, startLine: seg.endLine, endLine: seg.endLine,
        });
      }
    } else {
      this.nextStart = seg.end;
      this.nextLine = seg.endLine;
    }
    this.toks = this.pos >= this.toks.length ? toks : this.toks.slice(this.pos).concat(toks);
    this.pos = 0;
    return true;
  }

  /** The token after the current one (luaX_lookahead). */
  private peek(): LuaToken {
    while (this.pos + 1 >= this.toks.length) {
      if (!this.fetch()) return this.toks[this.toks.length - 1] as LuaToken;
    }
    return this.toks[this.pos + 1] as LuaToken;
  }

  // ------------------------------------------------------------ tokens

  private cur(): LuaToken {
    return this.t;
  }

  private kind(): number {
    return this.t.tokenTypeIdx;
  }

  /** ls->linenumber: where the current token ends (or the look-ahead, after one). */
  private lineNumber(): number {
    const t = this.t;
    return t === this.laToken ? this.laLine : t.endLine;
  }

  /** luaX_next: consumes the current token and returns it. */
  private next(): LuaToken {
    const t = this.t;
    this.lastLine = this.lineNumber();
    if (t.tokenTypeIdx === I_EOF) return t;
    this.pos++;
    while (this.pos >= this.toks.length) {
      if (!this.fetch()) throw new Error('token stream ended without EOF');
    }
    const n = this.toks[this.pos] as LuaToken;
    this.t = n;
    if (n.tokenTypeIdx === I_LEXERR) this.raiseLexError(n);
    return t;
  }

  private testNext(k: number): boolean {
    if (this.t.tokenTypeIdx === k) { this.next(); return true; }
    return false;
  }

  private check(k: number): void {
    if (this.t.tokenTypeIdx !== k) this.errorExpected(k);
  }

  private checkNext(k: number): LuaToken {
    this.check(k);
    return this.next();
  }

  /** check_match: the closing token `what` of `who` opened at line `where`. */
  private checkMatch(what: number, who: number, where: number): LuaToken {
    if (this.t.tokenTypeIdx === what) return this.next();
    if (where === this.lineNumber()) this.errorExpected(what);
    return this.syntaxError(
      `'${TOKEN_TEXT[what]}' expected (to close '${TOKEN_TEXT[who]}' at line ${where})`);
  }

  private strCheckName(): LuaToken {
    this.check(I_NAME);
    return this.next();
  }

  // ------------------------------------------------------------ errors

  private raiseLexError(t: LuaToken): never {
    const e = t.payload as LexErrorPayload;
    throw this.makeError(e.message, e.line, e.near);
  }

  private makeError(msg: string, line: number, near: string | undefined): LuaSyntaxError {
    let text = `${chunkId(this.chunkName, MAXSRC)}:${line}: ${msg}`;
    if (near !== undefined) text += ` near '${near}'`;
    return new LuaSyntaxError(text, line);
  }

  /** luaX_syntaxerror: `msg near <current token>`. */
  private syntaxError(msg: string): never {
    const t = this.t;
    if (t.tokenTypeIdx === I_LEXERR) this.raiseLexError(t);
    throw this.makeError(msg, this.lineNumber(), t.tokenTypeIdx === I_EOF ? '<eof>' : tokenText(t));
  }

  /** luaX_lexerror with token 0: a message without `near`. */
  private plainError(msg: string): never {
    const t = this.t;
    if (t.tokenTypeIdx === I_LEXERR) this.raiseLexError(t);
    throw this.makeError(msg, this.lineNumber(), undefined);
  }

  private errorExpected(k: number): never {
    return this.syntaxError(`'${TOKEN_TEXT[k]}' expected`);
  }

  private enterLevel(): void {
    if (++this.level > MAX_C_CALLS) this.plainError('chunk has too many syntax levels');
  }

  private leaveLevel(): void {
    this.level--;
  }

  // ------------------------------------------------------------ scopes

  private newLocal(name: string, n: number): void {
    try {
      newLocalVar(this.fs, name, n);
    } catch (e) {
      if (e instanceof LimitError) this.plainError(e.message);
      throw e;
    }
  }

  private resolve(name: string): void {
    try {
      resolveName(this.fs, name);
    } catch (e) {
      if (e instanceof LimitError) this.plainError(e.message);
      throw e;
    }
  }

  // ------------------------------------------------------------ chunks and blocks

  private mainChunk(): A.Chunk {
    this.fs = new FuncState(undefined, 0, true);
    if (this.t.tokenTypeIdx === I_LEXERR) this.raiseLexError(this.t);
    const body = this.chunk(1);
    this.check(I_EOF);
    return { kind: 'Chunk', line: 1, lastLine: this.eofLine, body, chunkName: this.chunkName };
  }

  /** chunk -> { stat [';'] }; `emptyLine` is the block's line when it has no statements. */
  private chunk(emptyLine: number): A.Block {
    this.enterLevel();
    const body: A.Statement[] = [];
    for (;;) {
      const k = this.kind();
      if (BLOCK_FOLLOW[k] === 1) break;
      const s = this.statement();
      body.push(s);
      this.testNext(I_SEMI);
      if (s.kind === 'Return' || s.kind === 'Break') break;
    }
    this.leaveLevel();
    const first = body[0];
    const last = body[body.length - 1];
    return {
      kind: 'Block',
      line: first === undefined ? emptyLine : first.line,
      lastLine: last === undefined ? emptyLine : last.lastLine,
      body,
    };
  }

  /** block -> chunk, in its own scope. */
  private block(emptyLine: number): A.Block {
    const fs = this.fs;
    fs.enterBlock(false);
    const b = this.chunk(emptyLine);
    fs.leaveBlock();
    return b;
  }

  // ------------------------------------------------------------ statements

  private statement(): A.Statement {
    const line = this.lineNumber();
    switch (this.kind()) {
      case I_IF: return this.ifStat(line);
      case I_WHILE: return this.whileStat(line);
      case I_DO: {
        this.next();
        const body = this.block(line);
        const end = this.checkMatch(I_END, I_DO, line);
        return { kind: 'Do', line, lastLine: end.endLine, body };
      }
      case I_FOR: return this.forStat(line);
      case I_REPEAT: return this.repeatStat(line);
      case I_FUNCTION: return this.funcStat(line);
      case I_LOCAL: {
        this.next();
        if (this.testNext(I_FUNCTION)) return this.localFunc(line);
        return this.localStat(line);
      }
      case I_RETURN: return this.retStat(line);
      case I_BREAK: {
        const t = this.next();
        if (!this.fs.inLoop()) this.syntaxError('no loop to break');
        return { kind: 'Break', line, lastLine: t.endLine };
      }
      default: return this.exprStat();
    }
  }

  /** ifstat -> IF cond THEN block {ELSEIF cond THEN block} [ELSE block] END */
  private ifStat(line: number): A.If {
    const clauses: A.IfClause[] = [];
    do {
      const kw = this.next();
      const cond = this.expr();
      const then = this.checkNext(I_THEN);
      const thenLine = then.endLine;
      const body = this.block(thenLine);
      clauses.push({ line: kw.startLine, cond, thenLine, body });
    } while (this.kind() === I_ELSEIF);
    let orelse: A.Block | undefined;
    let elseLine: number | undefined;
    if (this.kind() === I_ELSE) {
      elseLine = this.next().endLine;
      orelse = this.block(elseLine);
    }
    const end = this.checkMatch(I_END, I_IF, line);
    const node: A.If = { kind: 'If', line, lastLine: end.endLine, clauses };
    if (orelse !== undefined && elseLine !== undefined) {
      node.orelse = orelse;
      node.elseLine = elseLine;
    }
    return node;
  }

  /** whilestat -> WHILE cond DO block END */
  private whileStat(line: number): A.While {
    this.next();
    const cond = this.expr();
    const fs = this.fs;
    fs.enterBlock(true);
    const doTok = this.checkNext(I_DO);
    const body = this.block(doTok.endLine);
    const end = this.checkMatch(I_END, I_WHILE, line);
    fs.leaveBlock();
    return { kind: 'While', line, lastLine: end.endLine, cond, body };
  }

  /** repeatstat -> REPEAT block UNTIL cond */
  private repeatStat(line: number): A.Repeat {
    const fs = this.fs;
    fs.enterBlock(true);
    fs.enterBlock(false);
    this.next();
    const body = this.chunk(line);
    const untilTok = this.checkMatch(I_UNTIL, I_REPEAT, line);
    const cond = this.expr();
    fs.leaveBlock();
    fs.leaveBlock();
    return {
      kind: 'Repeat', line, lastLine: cond.lastLine, body, cond, untilLine: untilTok.endLine,
    };
  }

  /** forstat -> FOR (fornum | forlist) END */
  private forStat(line: number): A.NumericFor | A.GenericFor {
    const fs = this.fs;
    fs.enterBlock(true);
    this.next();
    const varName = this.strCheckName().image;
    let node: A.NumericFor | A.GenericFor;
    switch (this.kind()) {
      case I_ASSIGN: node = this.forNum(varName, line); break;
      case I_COMMA: case I_IN: node = this.forList(varName, line); break;
      default: return this.syntaxError("'=' or 'in' expected");
    }
    const end = this.checkMatch(I_END, I_FOR, line);
    node.lastLine = end.endLine;
    fs.leaveBlock();
    return node;
  }

  /** fornum -> NAME = exp1,exp1[,exp1] forbody */
  private forNum(varName: string, line: number): A.NumericFor {
    this.newLocal('(for index)', 0);
    this.newLocal('(for limit)', 1);
    this.newLocal('(for step)', 2);
    this.newLocal(varName, 3);
    this.checkNext(I_ASSIGN);
    const start = this.expr();
    this.checkNext(I_COMMA);
    const limit = this.expr();
    let step: A.Expression | undefined;
    if (this.testNext(I_COMMA)) step = this.expr();
    const { doLine, body } = this.forBody(1);
    const node: A.NumericFor = {
      kind: 'NumericFor', line, lastLine: 0, var: varName, start, limit, doLine, body,
    };
    if (step !== undefined) node.step = step;
    return node;
  }

  /** forlist -> NAME {,NAME} IN explist1 forbody */
  private forList(indexName: string, line: number): A.GenericFor {
    this.newLocal('(for generator)', 0);
    this.newLocal('(for state)', 1);
    this.newLocal('(for control)', 2);
    this.newLocal(indexName, 3);
    const names = [indexName];
    let nvars = 4;
    while (this.testNext(I_COMMA)) {
      const n = this.strCheckName().image;
      this.newLocal(n, nvars++);
      names.push(n);
    }
    this.checkNext(I_IN);
    const exprs = this.exprList();
    const { doLine, body } = this.forBody(nvars - 3);
    return { kind: 'GenericFor', line, lastLine: 0, names, exprs, doLine, body };
  }

  /** forbody -> DO block */
  private forBody(nvars: number): { doLine: number; body: A.Block } {
    const fs = this.fs;
    adjustLocalVars(fs, 3);
    const doLine = this.checkNext(I_DO).endLine;
    fs.enterBlock(false);
    adjustLocalVars(fs, nvars);
    const body = this.block(doLine);
    fs.leaveBlock();
    return { doLine, body };
  }

  /** funcstat -> FUNCTION funcname body; funcname -> NAME {'.' NAME} [':' NAME] */
  private funcStat(line: number): A.FunctionDecl {
    this.next();
    const first = this.strCheckName().image;
    this.resolve(first);
    const path = [first];
    let method: string | undefined;
    while (this.kind() === I_DOT) {
      this.next();
      path.push(this.strCheckName().image);
    }
    if (this.kind() === I_COLON) {
      this.next();
      method = this.strCheckName().image;
    }
    const func = this.body(method !== undefined, line);
    const node: A.FunctionDecl = { kind: 'FunctionDecl', line, lastLine: func.lastLine, path, func };
    if (method !== undefined) node.method = method;
    return node;
  }

  /** localfunc -> LOCAL FUNCTION NAME body */
  private localFunc(line: number): A.LocalFunction {
    const name = this.strCheckName().image;
    this.newLocal(name, 0);
    adjustLocalVars(this.fs, 1);
    const func = this.body(false, this.lineNumber());
    return { kind: 'LocalFunction', line, lastLine: func.lastLine, name, func };
  }

  /** localstat -> LOCAL NAME {',' NAME} ['=' explist1] */
  private localStat(line: number): A.Local {
    const names: string[] = [];
    let lastLine = line;
    do {
      const t = this.strCheckName();
      this.newLocal(t.image, names.length);
      names.push(t.image);
      lastLine = t.endLine;
    } while (this.testNext(I_COMMA));
    let values: A.Expression[] = [];
    if (this.testNext(I_ASSIGN)) {
      values = this.exprList();
      lastLine = (values[values.length - 1] as A.Expression).lastLine;
    }
    adjustLocalVars(this.fs, names.length);
    return { kind: 'Local', line, lastLine, names, values };
  }

  /** retstat -> RETURN [explist1] */
  private retStat(line: number): A.Return {
    const t = this.next();
    const k = this.kind();
    if (BLOCK_FOLLOW[k] === 1 || k === I_SEMI) {
      return { kind: 'Return', line, lastLine: t.endLine, values: [] };
    }
    const values = this.exprList();
    return { kind: 'Return', line, lastLine: (values[values.length - 1] as A.Expression).lastLine, values };
  }

  /** exprstat -> func | assignment */
  private exprStat(): A.CallStatement | A.Assign {
    const v = this.primaryExp();
    if (v.kind === 'Call' || v.kind === 'MethodCall') {
      return { kind: 'CallStatement', line: v.line, lastLine: v.lastLine, call: v };
    }
    // assignment -> ',' primaryexp assignment | '=' explist1
    const targets: (A.Name | A.Index)[] = [];
    let t: A.Expression = v;
    for (;;) {
      if (t.kind !== 'Name' && t.kind !== 'Index') this.syntaxError('syntax error');
      targets.push(t);
      if (!this.testNext(I_COMMA)) break;
      t = this.primaryExp();
      const room = MAX_C_CALLS - this.level;
      if (targets.length > room) this.plainError(limitMessage(this.fs, room, 'variables in assignment'));
    }
    const eqLine = this.checkNext(I_ASSIGN).endLine;
    const values = this.exprList();
    return {
      kind: 'Assign', line: v.line, lastLine: (values[values.length - 1] as A.Expression).lastLine,
      targets, values, eqLine,
    };
  }

  // ------------------------------------------------------------ functions

  /** body -> '(' parlist ')' chunk END; `line` becomes linedefined. */
  private body(needSelf: boolean, line: number): A.FunctionExpr {
    const outer = this.fs;
    const fs = new FuncState(outer, line, false);
    this.fs = fs;
    this.checkNext(I_LPAREN);
    const params: string[] = [];
    if (needSelf) {
      this.newLocal('self', 0);
      adjustLocalVars(fs, 1);
      params.push('self');
    }
    // parlist -> [ param { ',' param } ]
    let nparams = 0;
    if (this.kind() !== I_RPAREN) {
      do {
        const k = this.kind();
        if (k === I_NAME) {
          const n = this.next().image;
          this.newLocal(n, nparams++);
          params.push(n);
        } else if (k === I_DOTS) {
          this.next();
          // LUA_COMPAT_VARARG: a vararg function has a local 'arg'.
          this.newLocal('arg', nparams++);
          fs.isVararg = true;
        } else {
          this.syntaxError("<name> or '...' expected");
        }
      } while (!fs.isVararg && this.testNext(I_COMMA));
    }
    adjustLocalVars(fs, nparams);
    const rparen = this.checkNext(I_RPAREN);
    const body = this.chunk(rparen.endLine);
    const endLine = this.lineNumber();
    this.checkMatch(I_END, I_FUNCTION, line);
    this.fs = outer;
    return {
      kind: 'Function', line, lastLine: endLine, params, isVararg: fs.isVararg, body, isMethod: needSelf,
    };
  }

  // ------------------------------------------------------------ expressions

  private exprList(): A.Expression[] {
    const list = [this.expr()];
    while (this.testNext(I_COMMA)) list.push(this.expr());
    return list;
  }

  private expr(): A.Expression {
    return this.subExpr(0);
  }

  /** subexpr -> (simpleexp | unop subexpr) { binop subexpr }, binops binding tighter than `limit` */
  private subExpr(limit: number): A.Expression {
    this.enterLevel();
    let left: A.Expression;
    const uop = UN_OP[this.kind()];
    if (uop !== undefined) {
      const t = this.next();
      const operand = this.subExpr(UNARY_PRIORITY);
      left = { kind: 'Unary', line: t.startLine, lastLine: operand.lastLine, op: uop, operand };
    } else {
      left = this.simpleExp();
    }
    for (;;) {
      const k = this.kind();
      const op = BIN_OP[k];
      if (op === undefined || (LEFT_PRIO[k] as number) <= limit) break;
      const opTok = this.next();
      const right = this.subExpr(RIGHT_PRIO[k] as number);
      left = {
        kind: 'Binary', line: left.line, lastLine: right.lastLine, op, left, right,
        opLine: opTok.startLine,
      };
    }
    this.leaveLevel();
    return left;
  }

  /** simpleexp -> NUMBER | STRING | NIL | true | false | ... | constructor | FUNCTION body | primaryexp */
  private simpleExp(): A.Expression {
    const t = this.cur();
    const line = t.startLine;
    switch (t.tokenTypeIdx) {
      case I_NUMBER:
        this.next();
        return { kind: 'Number', line, lastLine: line, value: t.payload as number, raw: t.image };
      case I_STRING: case I_LSTRING:
        this.next();
        return { kind: 'String', line, lastLine: t.endLine, value: t.payload as string };
      case I_NIL: this.next(); return { kind: 'Nil', line, lastLine: line };
      case I_TRUE: this.next(); return { kind: 'True', line, lastLine: line };
      case I_FALSE: this.next(); return { kind: 'False', line, lastLine: line };
      case I_DOTS:
        if (!this.fs.isVararg) this.syntaxError("cannot use '...' outside a vararg function");
        this.next();
        return { kind: 'Vararg', line, lastLine: line };
      case I_LBRACE: return this.constructorExp();
      case I_FUNCTION:
        this.next();
        return this.body(false, this.lineNumber());
      default:
        return this.primaryExp();
    }
  }

  /** primaryexp -> prefixexp { '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs } */
  private primaryExp(): A.Expression {
    let e: A.Expression;
    // prefixexp -> NAME | '(' expr ')'
    const t = this.cur();
    if (t.tokenTypeIdx === I_NAME) {
      this.next();
      this.resolve(t.image);
      e = { kind: 'Name', line: t.startLine, lastLine: t.endLine, name: t.image };
    } else if (t.tokenTypeIdx === I_LPAREN) {
      const line = this.lineNumber();
      this.next();
      const inner = this.expr();
      const close = this.checkMatch(I_RPAREN, I_LPAREN, line);
      e = { kind: 'Paren', line: t.startLine, lastLine: close.endLine, expr: inner };
    } else {
      return this.syntaxError('unexpected symbol');
    }
    for (;;) {
      switch (this.kind()) {
        case I_DOT: {
          this.next();
          const n = this.strCheckName();
          const key: A.StringLiteral = {
            kind: 'String', line: n.startLine, lastLine: n.endLine, value: n.image,
          };
          e = { kind: 'Index', line: e.line, lastLine: key.lastLine, object: e, key, dot: true };
          break;
        }
        case I_LBRACKET: {
          this.next();
          const key = this.expr();
          const close = this.checkNext(I_RBRACKET);
          e = { kind: 'Index', line: e.line, lastLine: close.endLine, object: e, key, dot: false };
          break;
        }
        case I_COLON: {
          this.next();
          const n = this.strCheckName();
          const { args, argsLine, lastLine } = this.funcArgs();
          e = {
            kind: 'MethodCall', line: e.line, lastLine, object: e, method: n.image,
            methodLine: n.startLine, args, argsLine,
          };
          break;
        }
        case I_LPAREN: case I_STRING: case I_LSTRING: case I_LBRACE: {
          const { args, argsLine, lastLine } = this.funcArgs();
          e = { kind: 'Call', line: e.line, lastLine, callee: e, args, argsLine };
          break;
        }
        default:
          return e;
      }
    }
  }

  /** funcargs -> '(' [ explist1 ] ')' | constructor | STRING */
  private funcArgs(): { args: A.Expression[]; argsLine: number; lastLine: number } {
    const line = this.lineNumber();
    const t = this.cur();
    switch (t.tokenTypeIdx) {
      case I_LPAREN: {
        if (line !== this.lastLine) this.syntaxError('ambiguous syntax (function call x new statement)');
        this.next();
        const args = this.kind() === I_RPAREN ? [] : this.exprList();
        const close = this.checkMatch(I_RPAREN, I_LPAREN, line);
        return { args, argsLine: line, lastLine: close.endLine };
      }
      case I_LBRACE: {
        const tbl = this.constructorExp();
        return { args: [tbl], argsLine: line, lastLine: tbl.lastLine };
      }
      case I_STRING: case I_LSTRING: {
        this.next();
        const s: A.StringLiteral = {
          kind: 'String', line: t.startLine, lastLine: t.endLine, value: t.payload as string,
        };
        return { args: [s], argsLine: line, lastLine: s.lastLine };
      }
      default:
        return this.syntaxError('function arguments expected');
    }
  }

  /** constructor -> '{' [ field { fieldsep field } [fieldsep] ] '}' */
  private constructorExp(): A.TableConstructor {
    const line = this.lineNumber();
    const open = this.checkNext(I_LBRACE);
    const fields: A.TableField[] = [];
    do {
      const k = this.kind();
      if (k === I_RBRACE) break;
      if (k === I_NAME) {
        // luaX_lookahead: lua5.1 reads the token after the name now.
        const la = this.peek();
        if (la.tokenTypeIdx === I_LEXERR) this.raiseLexError(la);
        const name = this.cur();
        if (la.tokenTypeIdx === I_ASSIGN) {
          this.next();
          this.next();
          const value = this.expr();
          fields.push({
            kind: 'Named', name: name.image, value, line: name.startLine, lastLine: value.lastLine,
          });
        } else {
          this.laToken = name;
          this.laLine = la.endLine;
          const value = this.expr();
          fields.push({ kind: 'Positional', value, line: value.line, lastLine: value.lastLine });
        }
      } else if (k === I_LBRACKET) {
        const open2 = this.next();
        const key = this.expr();
        this.checkNext(I_RBRACKET);
        this.checkNext(I_ASSIGN);
        const value = this.expr();
        fields.push({ kind: 'Keyed', key, value, line: open2.startLine, lastLine: value.lastLine });
      } else {
        const value = this.expr();
        fields.push({ kind: 'Positional', value, line: value.line, lastLine: value.lastLine });
      }
    } while (this.testNext(I_COMMA) || this.testNext(I_SEMI));
    const close = this.checkMatch(I_RBRACE, I_LBRACE, line);
    return { kind: 'Table', line: open.startLine, lastLine: close.endLine, fields };
  }
}

let shared: LuaParser | undefined;

/**
 * Parses a Lua 5.1 chunk. `source` is a byte string (one byte per code unit);
 * `chunkName` is lua_load's chunk name (`=name`, `@file`, or source text).
 * Throws LuaSyntaxError with lua5.1's message on invalid input.
 */
export function parse(source: string, chunkName: string, options: ParseOptions = {}): A.Chunk {
  if (options.skipHashLine === true && source.charCodeAt(0) === 35 /* # */) {
    const nl = source.indexOf('\n');
    source = nl < 0 ? '\n' : source.slice(nl);
  }
  if (shared === undefined) shared = new LuaParser();
  return shared.parseSource(source, chunkName, options.cCalls ?? 1);
}
