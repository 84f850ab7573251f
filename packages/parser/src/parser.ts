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
// - The current token (lparser's `ls->t`) is token `pos` of the token
//   buffer, its type cached in `tk`. A `LexError` token never becomes current
//   without its lexical error being raised (see `next`): lua5.1 raises a
//   lexical error as soon as it reads the bad token.
// - A token is read (image, lines, payload) before it is consumed: `next`
//   may lex the next segment and move the buffer's contents.
// - `lastLine` is lparser's `ls->lastline`: where the previously consumed
//   token ends.
// - `level` is lparser's `L->nCcalls`: entered by every chunk (statement
//   list) and subexpression; more than MAX_C_CALLS is an error, raised before
//   recursing deeper, so no input can overflow the JS stack.
import { EmbeddedActionsParser, EOF, type TokenType } from 'chevrotain';
import { allTokens, lexSegment, T, TokenBuffer, cString, type LexErrorPayload } from '@valua/lexer';
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

/** txtToken / luaX_token2str: how token `i` of `b` appears after `near`; undefined for no `near` part. */
function tokenText(b: TokenBuffer, i: number): string | undefined {
  const k = b.kind[i] as number;
  const image = b.image[i] as string;
  if (k === I_NAME) return image;
  if (k === I_NUMBER) return cString(image);
  if (k === I_STRING) return cString(image.charAt(0) + (b.payload[i] as string) + image.charAt(0));
  if (k === I_LSTRING) {
    const sep = image.indexOf('[', 1) - 1;
    const eqs = '='.repeat(sep);
    return cString('[' + eqs + '[' + (b.payload[i] as string) + ']' + eqs + ']');
  }
  if (k === I_OTHER) {
    const c = image.charCodeAt(0);
    // A NUL is token 0, and luaX_lexerror omits `near` for token 0.
    if (c === 0) return undefined;
    return c < 32 || c === 127 ? `char(${c})` : image;
  }
  return TOKEN_TEXT[k];
}

/**
 * The elements of lists being built (statements of nested blocks, say),
 * stacked, each list from its mark up. A finished list is copied out at its
 * exact size: a list grown by push() keeps spare capacity (17 slots after
 * the first push), which a large AST carries through every collection.
 */
class ListStack<T> {
  private items: T[] = [];
  top = 0;

  push(x: T): void {
    this.items[this.top++] = x;
  }

  /** Pops the elements from `mark` up as an array. */
  take(mark: number): T[] {
    const list = this.items.slice(mark, this.top);
    this.top = mark;
    return list;
  }

  /** Forgets everything (and the references it held). */
  clear(): void {
    this.items = [];
    this.top = 0;
  }
}

class LuaParser extends EmbeddedActionsParser {
  private chunkName = '';
  private fs!: FuncState;
  private level = 0;
  private lastLine = 1;
  private eofLine = 1;
  /** The name token lparser looked past in a table constructor (as a token number, see `shifted`), and the line it left ls->linenumber at. */
  private laToken = -1;
  private laLine = 0;
  // The token stream, lexed one segment at a time into one reused buffer
  // (see lexSegment); tokens before `pos` are dropped when the next segment
  // is lexed, `shifted` counting them so that `shifted + pos` numbers tokens
  // from the chunk's start. The last segment ends with an EOF token (or a
  // LexError token, beyond which nothing is read).
  private source = '';
  private readonly buf = new TokenBuffer();
  private pos = 0;
  private shifted = 0;
  /** The current token's type. */
  private tk = 0;
  /** Where the next segment starts, and its first line; -1 when all is lexed. */
  private nextStart = 0;
  private nextLine = 1;
  /** funcArgs' second result: the line of the arguments' last token. */
  private argsLastLine = 0;
  // Lists under construction (see ListStack).
  private readonly stats = new ListStack<A.Statement>();
  private readonly exprs = new ListStack<A.Expression>();
  private readonly fields = new ListStack<A.TableField>();
  private readonly names = new ListStack<string>();

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
    this.laToken = -1;
    this.source = source;
    this.buf.length = 0;
    this.pos = 0;
    this.shifted = 0;
    this.nextStart = 0;
    this.nextLine = 1;
    while (this.buf.length === 0) this.fetch();
    this.tk = this.buf.kind[0] as number;
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
      this.buf.length = 0;
      this.laToken = -1;
      this.stats.clear();
      this.exprs.clear();
      this.fields.clear();
      this.names.clear();
    }
  }

  /** Lexes the next segment, dropping the tokens before `pos`; false when there is none. */
  private fetch(): boolean {
    if (this.nextStart < 0) return false;
    const buf = this.buf;
    this.shifted += this.pos;
    buf.shift(this.pos);
    this.pos = 0;
    const seg = lexSegment(buf, this.source, this.nextStart, this.nextLine);
    if (seg.failed || seg.end >= this.source.length) {
      this.nextStart = -1;
      if (!seg.failed) {
        this.eofLine = seg.endLine;
        buf.push(I_EOF, this.source.length, seg.endLine, seg.endLine, '', undefined);
      }
    } else {
      this.nextStart = seg.end;
      this.nextLine = seg.endLine;
    }
    return true;
  }

  /** The index of the token after the current one (luaX_lookahead); the current one is then `pos`. */
  private peek(): number {
    while (this.pos + 1 >= this.buf.length) {
      if (!this.fetch()) return this.buf.length - 1;
    }
    return this.pos + 1;
  }

  // ------------------------------------------------------------ tokens
  // The current token's fields.

  private image(): string {
    return this.buf.image[this.pos] as string;
  }

  private startLine(): number {
    return this.buf.startLine[this.pos] as number;
  }

  private endLine(): number {
    return this.buf.endLine[this.pos] as number;
  }

  /** ls->linenumber: where the current token ends (or the look-ahead, after one). */
  private lineNumber(): number {
    return this.shifted + this.pos === this.laToken ? this.laLine : this.buf.endLine[this.pos] as number;
  }

  /** luaX_next: consumes the current token. */
  private next(): void {
    this.lastLine = this.lineNumber();
    if (this.tk === I_EOF) return;
    this.pos++;
    while (this.pos >= this.buf.length) {
      if (!this.fetch()) throw new Error('token stream ended without EOF');
    }
    const k = this.buf.kind[this.pos] as number;
    this.tk = k;
    if (k === I_LEXERR) this.raiseLexError(this.pos);
  }

  private testNext(k: number): boolean {
    if (this.tk === k) { this.next(); return true; }
    return false;
  }

  private check(k: number): void {
    if (this.tk !== k) this.errorExpected(k);
  }

  /** checknext; returns the token's end line. */
  private checkNext(k: number): number {
    if (this.tk !== k) this.errorExpected(k);
    const line = this.buf.endLine[this.pos] as number;
    this.next();
    return line;
  }

  /** check_match: the closing token `what` of `who` opened at line `where`; returns its end line. */
  private checkMatch(what: number, who: number, where: number): number {
    if (this.tk === what) {
      const line = this.buf.endLine[this.pos] as number;
      this.next();
      return line;
    }
    if (where === this.lineNumber()) this.errorExpected(what);
    return this.syntaxError(
      `'${TOKEN_TEXT[what]}' expected (to close '${TOKEN_TEXT[who]}' at line ${where})`);
  }

  /** str_checkname: returns the name. */
  private strCheckName(): string {
    if (this.tk !== I_NAME) this.errorExpected(I_NAME);
    const name = this.buf.image[this.pos] as string;
    this.next();
    return name;
  }

  // ------------------------------------------------------------ errors

  private raiseLexError(i: number): never {
    const e = this.buf.payload[i] as LexErrorPayload;
    throw this.makeError(e.message, e.line, e.near);
  }

  private makeError(msg: string, line: number, near: string | undefined): LuaSyntaxError {
    let text = `${chunkId(this.chunkName, MAXSRC)}:${line}: ${msg}`;
    if (near !== undefined) text += ` near '${near}'`;
    return new LuaSyntaxError(text, line);
  }

  /** luaX_syntaxerror: `msg near <current token>`. */
  private syntaxError(msg: string): never {
    const k = this.tk;
    if (k === I_LEXERR) this.raiseLexError(this.pos);
    throw this.makeError(msg, this.lineNumber(), k === I_EOF ? '<eof>' : tokenText(this.buf, this.pos));
  }

  /** luaX_lexerror with token 0: a message without `near`. */
  private plainError(msg: string): never {
    if (this.tk === I_LEXERR) this.raiseLexError(this.pos);
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
    if (this.tk === I_LEXERR) this.raiseLexError(this.pos);
    const body = this.chunk(1);
    this.check(I_EOF);
    return { kind: 'Chunk', line: 1, lastLine: this.eofLine, body, chunkName: this.chunkName };
  }

  /** chunk -> { stat [';'] }; `emptyLine` is the block's line when it has no statements. */
  private chunk(emptyLine: number): A.Block {
    this.enterLevel();
    const stats = this.stats;
    const mark = stats.top;
    for (;;) {
      if (BLOCK_FOLLOW[this.tk] === 1) break;
      const s = this.statement();
      stats.push(s);
      this.testNext(I_SEMI);
      if (s.kind === 'Return' || s.kind === 'Break') break;
    }
    this.leaveLevel();
    const body = stats.take(mark);
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
    switch (this.tk) {
      case I_IF: return this.ifStat(line);
      case I_WHILE: return this.whileStat(line);
      case I_DO: {
        this.next();
        const body = this.block(line);
        const lastLine = this.checkMatch(I_END, I_DO, line);
        return { kind: 'Do', line, lastLine, body };
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
        const lastLine = this.endLine();
        this.next();
        if (!this.fs.inLoop()) this.syntaxError('no loop to break');
        return { kind: 'Break', line, lastLine };
      }
      default: return this.exprStat();
    }
  }

  /** ifstat -> IF cond THEN block {ELSEIF cond THEN block} [ELSE block] END */
  private ifStat(line: number): A.If {
    const clauses: A.IfClause[] = [];
    do {
      const kwLine = this.startLine();
      this.next();
      const cond = this.expr();
      const thenLine = this.checkNext(I_THEN);
      const body = this.block(thenLine);
      clauses.push({ line: kwLine, cond, thenLine, body });
    } while (this.tk === I_ELSEIF);
    let orelse: A.Block | undefined;
    let elseLine: number | undefined;
    if (this.tk === I_ELSE) {
      elseLine = this.endLine();
      this.next();
      orelse = this.block(elseLine);
    }
    const lastLine = this.checkMatch(I_END, I_IF, line);
    const node: A.If = { kind: 'If', line, lastLine, clauses };
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
    const doLine = this.checkNext(I_DO);
    const body = this.block(doLine);
    const lastLine = this.checkMatch(I_END, I_WHILE, line);
    fs.leaveBlock();
    return { kind: 'While', line, lastLine, cond, body };
  }

  /** repeatstat -> REPEAT block UNTIL cond */
  private repeatStat(line: number): A.Repeat {
    const fs = this.fs;
    fs.enterBlock(true);
    fs.enterBlock(false);
    this.next();
    const body = this.chunk(line);
    const untilLine = this.checkMatch(I_UNTIL, I_REPEAT, line);
    const cond = this.expr();
    fs.leaveBlock();
    fs.leaveBlock();
    return {
      kind: 'Repeat', line, lastLine: cond.lastLine, body, cond, untilLine,
    };
  }

  /** forstat -> FOR (fornum | forlist) END */
  private forStat(line: number): A.NumericFor | A.GenericFor {
    const fs = this.fs;
    fs.enterBlock(true);
    this.next();
    const varName = this.strCheckName();
    let node: A.NumericFor | A.GenericFor;
    switch (this.tk) {
      case I_ASSIGN: node = this.forNum(varName, line); break;
      case I_COMMA: case I_IN: node = this.forList(varName, line); break;
      default: return this.syntaxError("'=' or 'in' expected");
    }
    node.lastLine = this.checkMatch(I_END, I_FOR, line);
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
      const n = this.strCheckName();
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
    const doLine = this.checkNext(I_DO);
    fs.enterBlock(false);
    adjustLocalVars(fs, nvars);
    const body = this.block(doLine);
    fs.leaveBlock();
    return { doLine, body };
  }

  /** funcstat -> FUNCTION funcname body; funcname -> NAME {'.' NAME} [':' NAME] */
  private funcStat(line: number): A.FunctionDecl {
    this.next();
    const first = this.strCheckName();
    this.resolve(first);
    const path = [first];
    let method: string | undefined;
    while (this.tk === I_DOT) {
      this.next();
      path.push(this.strCheckName());
    }
    if (this.tk === I_COLON) {
      this.next();
      method = this.strCheckName();
    }
    const func = this.body(method !== undefined, line);
    const node: A.FunctionDecl = { kind: 'FunctionDecl', line, lastLine: func.lastLine, path, func };
    if (method !== undefined) node.method = method;
    return node;
  }

  /** localfunc -> LOCAL FUNCTION NAME body */
  private localFunc(line: number): A.LocalFunction {
    const name = this.strCheckName();
    this.newLocal(name, 0);
    adjustLocalVars(this.fs, 1);
    const func = this.body(false, this.lineNumber());
    return { kind: 'LocalFunction', line, lastLine: func.lastLine, name, func };
  }

  /** localstat -> LOCAL NAME {',' NAME} ['=' explist1] */
  private localStat(line: number): A.Local {
    const stack = this.names;
    const mark = stack.top;
    let lastLine = line;
    do {
      lastLine = this.endLine();
      const name = this.strCheckName();
      this.newLocal(name, stack.top - mark);
      stack.push(name);
    } while (this.testNext(I_COMMA));
    const names = stack.take(mark);
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
    const retLine = this.endLine();
    this.next();
    const k = this.tk;
    if (BLOCK_FOLLOW[k] === 1 || k === I_SEMI) {
      return { kind: 'Return', line, lastLine: retLine, values: [] };
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
    const eqLine = this.checkNext(I_ASSIGN);
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
    const stack = this.names;
    const mark = stack.top;
    if (needSelf) {
      this.newLocal('self', 0);
      adjustLocalVars(fs, 1);
      stack.push('self');
    }
    // parlist -> [ param { ',' param } ]
    let nparams = 0;
    if (this.tk !== I_RPAREN) {
      do {
        const k = this.tk;
        if (k === I_NAME) {
          const n = this.image();
          this.next();
          this.newLocal(n, nparams++);
          stack.push(n);
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
    const params = stack.take(mark);
    const rparenLine = this.checkNext(I_RPAREN);
    const body = this.chunk(rparenLine);
    const endLine = this.lineNumber();
    this.checkMatch(I_END, I_FUNCTION, line);
    this.fs = outer;
    return {
      kind: 'Function', line, lastLine: endLine, params, isVararg: fs.isVararg, body, isMethod: needSelf,
    };
  }

  // ------------------------------------------------------------ expressions

  private exprList(): A.Expression[] {
    const first = this.expr();
    if (this.tk !== I_COMMA) return [first];
    const exprs = this.exprs;
    const mark = exprs.top;
    exprs.push(first);
    while (this.testNext(I_COMMA)) exprs.push(this.expr());
    return exprs.take(mark);
  }

  private expr(): A.Expression {
    return this.subExpr(0);
  }

  /** subexpr -> (simpleexp | unop subexpr) { binop subexpr }, binops binding tighter than `limit` */
  private subExpr(limit: number): A.Expression {
    this.enterLevel();
    let left: A.Expression;
    const uop = UN_OP[this.tk];
    if (uop !== undefined) {
      const opLine = this.startLine();
      this.next();
      const operand = this.subExpr(UNARY_PRIORITY);
      left = { kind: 'Unary', line: opLine, lastLine: operand.lastLine, op: uop, operand };
    } else {
      left = this.simpleExp();
    }
    for (;;) {
      const k = this.tk;
      const op = BIN_OP[k];
      if (op === undefined || (LEFT_PRIO[k] as number) <= limit) break;
      const opLine = this.startLine();
      this.next();
      const right = this.subExpr(RIGHT_PRIO[k] as number);
      left = {
        kind: 'Binary', line: left.line, lastLine: right.lastLine, op, left, right, opLine,
      };
    }
    this.leaveLevel();
    return left;
  }

  /** simpleexp -> NUMBER | STRING | NIL | true | false | ... | constructor | FUNCTION body | primaryexp */
  private simpleExp(): A.Expression {
    const buf = this.buf;
    const pos = this.pos;
    const line = buf.startLine[pos] as number;
    switch (this.tk) {
      case I_NUMBER: {
        const value = buf.payload[pos] as number;
        const raw = buf.image[pos] as string;
        this.next();
        return { kind: 'Number', line, lastLine: line, value, raw };
      }
      case I_STRING: case I_LSTRING: {
        const lastLine = buf.endLine[pos] as number;
        const value = buf.payload[pos] as string;
        this.next();
        return { kind: 'String', line, lastLine, value };
      }
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
    const buf = this.buf;
    const k = this.tk;
    if (k === I_NAME) {
      const pos = this.pos;
      const name = buf.image[pos] as string;
      const line = buf.startLine[pos] as number;
      const lastLine = buf.endLine[pos] as number;
      this.next();
      this.resolve(name);
      e = { kind: 'Name', line, lastLine, name };
    } else if (k === I_LPAREN) {
      const startLine = this.startLine();
      const line = this.lineNumber();
      this.next();
      const inner = this.expr();
      const lastLine = this.checkMatch(I_RPAREN, I_LPAREN, line);
      e = { kind: 'Paren', line: startLine, lastLine, expr: inner };
    } else {
      return this.syntaxError('unexpected symbol');
    }
    for (;;) {
      switch (this.tk) {
        case I_DOT: {
          this.next();
          if (this.tk !== I_NAME) this.errorExpected(I_NAME);
          const pos = this.pos;
          const line = buf.startLine[pos] as number;
          const lastLine = buf.endLine[pos] as number;
          const value = buf.image[pos] as string;
          this.next();
          const key: A.StringLiteral = { kind: 'String', line, lastLine, value };
          e = { kind: 'Index', line: e.line, lastLine, object: e, key, dot: true };
          break;
        }
        case I_LBRACKET: {
          this.next();
          const key = this.expr();
          const lastLine = this.checkNext(I_RBRACKET);
          e = { kind: 'Index', line: e.line, lastLine, object: e, key, dot: false };
          break;
        }
        case I_COLON: {
          this.next();
          const methodLine = this.startLine();
          const method = this.strCheckName();
          const argsLine = this.lineNumber();
          const args = this.funcArgs(argsLine);
          e = {
            kind: 'MethodCall', line: e.line, lastLine: this.argsLastLine, object: e, method,
            methodLine, args, argsLine,
          };
          break;
        }
        case I_LPAREN: case I_STRING: case I_LSTRING: case I_LBRACE: {
          const argsLine = this.lineNumber();
          const args = this.funcArgs(argsLine);
          e = { kind: 'Call', line: e.line, lastLine: this.argsLastLine, callee: e, args, argsLine };
          break;
        }
        default:
          return e;
      }
    }
  }

  /**
   * funcargs -> '(' [ explist1 ] ')' | constructor | STRING; `line` is
   * lineNumber() at the opening token. Returns the arguments and leaves
   * the line of their last token in `argsLastLine`.
   */
  private funcArgs(line: number): A.Expression[] {
    switch (this.tk) {
      case I_LPAREN: {
        if (line !== this.lastLine) this.syntaxError('ambiguous syntax (function call x new statement)');
        this.next();
        const args = this.tk === I_RPAREN ? [] : this.exprList();
        this.argsLastLine = this.checkMatch(I_RPAREN, I_LPAREN, line);
        return args;
      }
      case I_LBRACE: {
        const tbl = this.constructorExp();
        this.argsLastLine = tbl.lastLine;
        return [tbl];
      }
      case I_STRING: case I_LSTRING: {
        const buf = this.buf;
        const pos = this.pos;
        const s: A.StringLiteral = {
          kind: 'String', line: buf.startLine[pos] as number, lastLine: buf.endLine[pos] as number,
          value: buf.payload[pos] as string,
        };
        this.next();
        this.argsLastLine = s.lastLine;
        return [s];
      }
      default:
        return this.syntaxError('function arguments expected');
    }
  }

  /** constructor -> '{' [ field { fieldsep field } [fieldsep] ] '}' */
  private constructorExp(): A.TableConstructor {
    const line = this.lineNumber();
    const openLine = this.startLine();
    this.checkNext(I_LBRACE);
    const fields = this.fields;
    const mark = fields.top;
    do {
      const k = this.tk;
      if (k === I_RBRACE) break;
      if (k === I_NAME) {
        // luaX_lookahead: lua5.1 reads the token after the name now.
        const la = this.peek();
        const buf = this.buf;
        const laKind = buf.kind[la] as number;
        if (laKind === I_LEXERR) this.raiseLexError(la);
        if (laKind === I_ASSIGN) {
          const name = this.image();
          const nameLine = this.startLine();
          this.next();
          this.next();
          const value = this.expr();
          fields.push({
            kind: 'Named', name, value, line: nameLine, lastLine: value.lastLine,
          });
        } else {
          this.laToken = this.shifted + this.pos;
          this.laLine = buf.endLine[la] as number;
          const value = this.expr();
          fields.push({ kind: 'Positional', value, line: value.line, lastLine: value.lastLine });
        }
      } else if (k === I_LBRACKET) {
        const keyLine = this.startLine();
        this.next();
        const key = this.expr();
        this.checkNext(I_RBRACKET);
        this.checkNext(I_ASSIGN);
        const value = this.expr();
        fields.push({ kind: 'Keyed', key, value, line: keyLine, lastLine: value.lastLine });
      } else {
        const value = this.expr();
        fields.push({ kind: 'Positional', value, line: value.line, lastLine: value.lastLine });
      }
    } while (this.testNext(I_COMMA) || this.testNext(I_SEMI));
    const lastLine = this.checkMatch(I_RBRACE, I_LBRACE, line);
    return { kind: 'Table', line: openLine, lastLine, fields: fields.take(mark) };
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
