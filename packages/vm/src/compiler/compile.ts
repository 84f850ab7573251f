// AST -> Proto: Lua 5.1's lparser.c code generation, driven by the AST.
//
// The functions below carry lparser.c's production names and emit code in
// exactly the order the one-pass 5.1 parser would, so that listings equal
// `luac5.1 -l`. Line info: 5.1 stamps an instruction with ls->lastline, the
// line of the last token consumed when it is emitted; `fs.line` plays that
// role and is moved forward at the points where the parser would consume a
// token whose line the AST records (statement keywords, operators, `then`,
// `do`, `=`, `)`...). Tokens the AST doesn't locate (commas, `[`, the `=` of
// `local`) are assumed to sit on the line of what precedes them. For the
// ` near '...'` of limit errors the walker also tracks the parser's lookahead
// (fs.near): the follow of each expression (fs.follow, set by subexpr) and
// the token after each statement (fs.after, set by statList).
//
// Invariant (as lparser.c's chunk()): after each statement
// fs.freereg === fs.nactvar.

import type {
  Block, Chunk, Expression, FunctionExpr, Statement, Name, Index, Binary, BinaryOp, Assign,
  TableConstructor, Call, MethodCall, If, While, Repeat, NumericFor, GenericFor, Return,
  Local, LocalFunction, FunctionDecl,
} from '@valua/parser';
import { Op, LFIELDS_PER_FLUSH, NO_REG } from '../opcodes.js';
import { Proto, VARARG_HASARG, VARARG_ISVARARG, VARARG_NEEDSARG, type LocVar } from '../proto.js';
import {
  FuncState, ExpDesc, ExpKind, BinOpr, UnOpr, NO_JUMP, MULTRET, hasMultRet, int2fb,
  type BlockCnt,
} from './func-state.js';
import { compileError } from './errors.js';

/** A token the walker knows the parser would be looking at (its lookahead),
 *  for the ` near '...'` of limit errors. */
interface Near { text: string; line: number }

const near = (text: string, line: number): Near => ({ text, line });

/** LUAI_MAXVARS */
export const MAX_LOCALS = 200;
/** LUAI_MAXUPVALUES */
export const MAX_UPVALUES = 60;

const BINOPR: Readonly<Record<BinaryOp, BinOpr>> = {
  '+': BinOpr.ADD, '-': BinOpr.SUB, '*': BinOpr.MUL, '/': BinOpr.DIV, '%': BinOpr.MOD,
  '^': BinOpr.POW, '..': BinOpr.CONCAT, '~=': BinOpr.NE, '==': BinOpr.EQ, '<': BinOpr.LT,
  '<=': BinOpr.LE, '>': BinOpr.GT, '>=': BinOpr.GE, 'and': BinOpr.AND, 'or': BinOpr.OR,
};

/** Compiles a parsed chunk into its main function (vararg, no parameters). */
export function compile(chunk: Chunk): Proto {
  const f = new Proto(chunk.chunkName);
  f.isVararg = VARARG_ISVARARG;
  const fs = new FuncState(f, null, 1);
  try {
    const eof = { text: '<eof>', line: chunk.lastLine };
    statList(fs, chunk.body, eof);
    fs.near = eof;
    closeFunc(fs);
  } catch (e) {
    // A hand-built AST deeper than the parser allows must not crash the host.
    if (e instanceof RangeError) compileError(fs, 'chunk has too many syntax levels');
    throw e;
  }
  return f;
}

// ---------------------------------------------------------------- functions

function closeFunc(fs: FuncState): void {
  removevars(fs, 0);
  fs.ret(0, 0);
  fs.finish();
}

function errorLimit(fs: FuncState, limit: number, what: string): never {
  const msg = fs.f.lineDefined === 0
    ? `main function has more than ${limit} ${what}`
    : `function at line ${fs.f.lineDefined} has more than ${limit} ${what}`;
  compileError(fs, msg);
}

function newLocalvar(fs: FuncState, name: string, n: number): void {
  if (fs.nactvar + n + 1 > MAX_LOCALS) errorLimit(fs, MAX_LOCALS, 'local variables');
  fs.f.locvars.push({ name, startpc: 0, endpc: 0 });
  fs.actvar[fs.nactvar + n] = fs.f.locvars.length - 1;
}

function adjustlocalvars(fs: FuncState, nvars: number): void {
  fs.nactvar += nvars;
  for (; nvars > 0; nvars--) getlocvar(fs, fs.nactvar - nvars).startpc = fs.pc;
}

function getlocvar(fs: FuncState, i: number): LocVar {
  return fs.f.locvars[fs.actvar[i]!]!;
}

function removevars(fs: FuncState, tolevel: number): void {
  while (fs.nactvar > tolevel) getlocvar(fs, --fs.nactvar).endpc = fs.pc;
}

function enterblock(fs: FuncState, isbreakable: boolean): BlockCnt {
  const bl: BlockCnt = { previous: fs.bl, breaklist: NO_JUMP, nactvar: fs.nactvar, upval: false, isbreakable };
  fs.bl = bl;
  return bl;
}

function leaveblock(fs: FuncState): void {
  const bl = fs.bl!;
  fs.bl = bl.previous;
  removevars(fs, bl.nactvar);
  if (bl.upval) fs.codeABC(Op.CLOSE, bl.nactvar, 0, 0);
  fs.freereg = fs.nactvar;
  fs.patchtohere(bl.breaklist);
}

// body -> `(' parlist `)' chunk END
function body(parent: FuncState, func: FunctionExpr, e: ExpDesc, follow: Near | undefined): void {
  const f = new Proto(parent.f.source);
  f.lineDefined = func.line;
  const fs = new FuncState(f, parent, parent.line);
  // parlist -> [ param { `,' param } ]
  const params = func.params;
  for (let i = 0; i < params.length; i++) newLocalvar(fs, params[i]!, i);
  let nparams = params.length;
  if (func.isVararg) {
    // LUA_COMPAT_VARARG: a vararg function gets a hidden local `arg`.
    newLocalvar(fs, 'arg', nparams++);
    f.isVararg = VARARG_HASARG | VARARG_NEEDSARG | VARARG_ISVARARG;
  }
  adjustlocalvars(fs, nparams);
  f.numParams = fs.nactvar - (f.isVararg & VARARG_HASARG);
  fs.reserveregs(fs.nactvar);
  statList(fs, func.body, { text: 'end', line: func.lastLine });
  f.lastLineDefined = func.lastLine;
  fs.line = func.lastLine;
  fs.near = follow; // `end' consumed: the parser looks at what follows
  closeFunc(fs);
  // pushclosure
  parent.line = func.lastLine;
  parent.f.p.push(f);
  e.init(ExpKind.RELOCABLE, parent.codeABx(Op.CLOSURE, 0, parent.f.p.length - 1));
  for (const uv of fs.upvalues) {
    parent.codeABC(uv.k === ExpKind.LOCAL ? Op.MOVE : Op.GETUPVAL, 0, uv.info, 0);
  }
}

// ---------------------------------------------------------------- variables

function searchvar(fs: FuncState, n: string): number {
  for (let i = fs.nactvar - 1; i >= 0; i--) {
    if (getlocvar(fs, i).name === n) return i;
  }
  return -1;
}

function markupval(fs: FuncState, level: number): void {
  let bl = fs.bl;
  while (bl !== null && bl.nactvar > level) bl = bl.previous;
  if (bl !== null) bl.upval = true;
}

function indexupvalue(fs: FuncState, name: string, v: ExpDesc): number {
  const ups = fs.upvalues;
  for (let i = 0; i < ups.length; i++) {
    if (ups[i]!.k === v.k && ups[i]!.info === v.info) return i;
  }
  if (ups.length + 1 > MAX_UPVALUES) errorLimit(fs, MAX_UPVALUES, 'upvalues');
  ups.push({ k: v.k, info: v.info });
  fs.f.upvalueNames.push(name);
  return ups.length - 1;
}

function singlevaraux(fs: FuncState | null, n: string, v: ExpDesc, base: boolean): ExpKind {
  if (fs === null) {
    v.init(ExpKind.GLOBAL, NO_REG);
    return ExpKind.GLOBAL;
  }
  const idx = searchvar(fs, n);
  if (idx >= 0) {
    v.init(ExpKind.LOCAL, idx);
    if (!base) markupval(fs, idx);
    return ExpKind.LOCAL;
  }
  if (singlevaraux(fs.prev, n, v, false) === ExpKind.GLOBAL) return ExpKind.GLOBAL;
  v.info = indexupvalue(fs, n, v);
  v.k = ExpKind.UPVAL;
  return ExpKind.UPVAL;
}

function singlevar(fs: FuncState, name: string, v: ExpDesc): void {
  if (singlevaraux(fs, name, v, true) === ExpKind.GLOBAL) v.info = fs.stringK(name);
}

// ---------------------------------------------------------------- expressions

function codestring(fs: FuncState, e: ExpDesc, s: string): void {
  e.init(ExpKind.K, fs.stringK(s));
}

/** expr with `follow` as the token after it (see FuncState.follow). */
function subexpr(fs: FuncState, node: Expression, v: ExpDesc, follow: Near | undefined): void {
  const saved = fs.follow;
  fs.follow = follow;
  expr(fs, node, v);
  fs.follow = saved;
}

/** expr: compiles `node` into the descriptor `v` (no code for the final value
 *  yet); fs.follow is the token after it. */
function expr(fs: FuncState, node: Expression, v: ExpDesc): void {
  switch (node.kind) {
    case 'Nil': v.init(ExpKind.NIL, 0); break;
    case 'True': v.init(ExpKind.TRUE, 0); break;
    case 'False': v.init(ExpKind.FALSE, 0); break;
    case 'Number':
      v.init(ExpKind.KNUM, 0);
      v.nval = node.value;
      break;
    case 'String': codestring(fs, v, node.value); break;
    case 'Vararg':
      if (fs.f.isVararg === 0) {
        compileError(fs, "cannot use '...' outside a vararg function", '...', node.line);
      }
      fs.f.isVararg &= ~VARARG_NEEDSARG;
      // emitted before `...` is consumed: the line of the token before it
      v.init(ExpKind.VARARG, fs.codeABC(Op.VARARG, 0, 1, 0));
      break;
    case 'Table':
      constructor(fs, node, v);
      break;
    case 'Function':
      body(fs, node, v, fs.follow);
      break;
    case 'Name':
      singlevar(fs, node.name, v);
      break;
    case 'Index':
    case 'Call':
    case 'MethodCall':
      suffixedexp(fs, node, v);
      break;
    case 'Paren':
      fs.line = node.line; // `(' consumed
      subexpr(fs, node.expr, v, near(')', node.lastLine));
      fs.line = node.lastLine;
      fs.near = fs.follow;
      fs.dischargevars(v);
      break;
    case 'Unary':
      fs.line = node.line;
      expr(fs, node.operand, v); // same follow as the unary expression
      fs.near = fs.follow;
      fs.prefix(node.op === '-' ? UnOpr.MINUS : node.op === 'not' ? UnOpr.NOT : UnOpr.LEN, v);
      break;
    case 'Binary':
      binaryexp(fs, node, v);
      break;
  }
  fs.line = node.lastLine;
  fs.near = undefined;
}

// subexpr's loop over binary operators. The parser builds `a + b + c` as a
// left-nested tree without recursing (one syntax level), so its depth is
// unbounded: walk the left spine with a loop, never with JS recursion.
function binaryexp(fs: FuncState, node: Binary, v: ExpDesc): void {
  const spine: Binary[] = [];
  let leaf: Expression = node;
  while (leaf.kind === 'Binary') {
    spine.push(leaf);
    leaf = leaf.left;
  }
  const innermost = spine[spine.length - 1]!;
  subexpr(fs, leaf, v, near(innermost.op, innermost.opLine));
  for (let i = spine.length - 1; i >= 0; i--) {
    const b = spine[i]!;
    const op = BINOPR[b.op];
    fs.line = b.opLine;
    fs.near = near(firstToken(b.right), b.right.line);
    fs.infix(op, v);
    // the right operand ends at the next outer operator, or where we end
    const outer = spine[i - 1];
    const follow = outer !== undefined ? near(outer.op, outer.opLine) : fs.follow;
    const v2 = new ExpDesc();
    subexpr(fs, b.right, v2, follow);
    fs.near = follow;
    fs.posfix(op, v, v2);
    fs.near = undefined;
    fs.line = b.lastLine;
  }
}

type Suffixed = Index | Call | MethodCall;

/** The token that opens a suffix ('(' stands for every call form: the AST
 *  doesn't say whether a string or table argument had parentheses). */
function suffixOpener(s: Suffixed): Near {
  if (s.kind === 'Index') return near(s.dot ? '.' : '[', s.object.lastLine);
  if (s.kind === 'MethodCall') return near(':', s.object.lastLine);
  return near('(', s.argsLine);
}

function suffixBase(e: Suffixed): Expression {
  return e.kind === 'Call' ? e.callee : e.object;
}

// primaryexp -> prefixexp { `.' NAME | `[' exp `]' | `:' NAME funcargs | funcargs }
// Suffix chains (`a.b.c`, `f()()`) are unbounded too: loop over them.
function suffixedexp(fs: FuncState, node: Suffixed, v: ExpDesc): void {
  const spine: Suffixed[] = [];
  let base: Expression = node;
  while (base.kind === 'Index' || base.kind === 'Call' || base.kind === 'MethodCall') {
    spine.push(base);
    base = suffixBase(base);
  }
  subexpr(fs, base, v, suffixOpener(spine[spine.length - 1]!));
  const follow = fs.follow;
  for (let i = spine.length - 1; i >= 0; i--) {
    const s = spine[i]!;
    // each suffix ends where the next one opens, the last where we end
    const next = spine[i - 1];
    fs.follow = next !== undefined ? suffixOpener(next) : follow;
    switch (s.kind) {
      case 'Index':
        indexSuffix(fs, s, v);
        break;
      case 'Call':
        fs.near = suffixOpener(s);
        fs.exp2nextreg(v);
        funcargs(fs, s, v);
        break;
      case 'MethodCall': {
        fs.line = s.methodLine;
        const key = new ExpDesc();
        codestring(fs, key, s.method);
        fs.near = near('(', s.argsLine);
        fs.self(v, key);
        funcargs(fs, s, v);
        break;
      }
    }
    fs.near = undefined;
    fs.line = s.lastLine;
  }
  fs.follow = follow;
}

// `.name` or `[exp]` applied to the prefix already in `v`
function indexSuffix(fs: FuncState, node: Index, v: ExpDesc): void {
  fs.near = suffixOpener(node);
  fs.exp2anyreg(v);
  const key = new ExpDesc();
  if (node.dot && node.key.kind === 'String') {
    fs.line = node.lastLine;
    codestring(fs, key, node.key.value);
  } else {
    // yindex -> '[' expr ']'
    subexpr(fs, node.key, key, near(']', node.lastLine));
    fs.near = near(']', node.lastLine);
    fs.exp2val(key);
    fs.line = node.lastLine;
  }
  fs.near = fs.follow;
  fs.indexed(v, key);
  fs.near = undefined;
}

// funcargs -> `(' [ explist1 ] `)' | constructor | STRING
function funcargs(fs: FuncState, node: Call | MethodCall, f: ExpDesc): void {
  const line = node.argsLine;
  // No fs.line update for the opening token: a `(' must sit on the callee's
  // last line (else "ambiguous syntax"), and `f\n{...}' stamps its NEWTABLE
  // with the callee's line too, since the `{' is not consumed yet.
  const args = new ExpDesc();
  if (node.args.length > 0) {
    explist(fs, node.args, args, near(')', node.lastLine));
    fs.near = near(')', node.lastLine);
    fs.setmultret(args);
  }
  fs.line = node.lastLine;
  fs.near = fs.follow;
  const base = f.info;
  let nparams: number;
  if (hasMultRet(args.k)) {
    nparams = MULTRET;
  } else {
    if (args.k !== ExpKind.VOID) fs.exp2nextreg(args);
    nparams = fs.freereg - (base + 1);
  }
  f.init(ExpKind.CALL, fs.codeABC(Op.CALL, base, nparams + 1, 2));
  fs.fixline(line);
  fs.freereg = base + 1;
  fs.near = undefined;
}

/** explist1 -> expr { `,' expr }: all but the last go to the next registers. */
function explist(fs: FuncState, exprs: readonly Expression[], v: ExpDesc, follow: Near | undefined): number {
  for (let i = 0; i < exprs.length; i++) {
    const e = exprs[i]!;
    if (i > 0) {
      fs.near = near(firstToken(e), e.line);
      fs.exp2nextreg(v);
      fs.near = undefined;
    }
    subexpr(fs, e, v, i + 1 < exprs.length ? near(',', e.lastLine) : follow);
  }
  return exprs.length;
}

/** The text luac prints for the first token of `e` in ` near '...'`. */
function firstToken(e: Expression): string {
  for (;;) {
    switch (e.kind) {
      case 'Nil': return 'nil';
      case 'True': return 'true';
      case 'False': return 'false';
      case 'Vararg': return '...';
      case 'Number': return e.raw;
      case 'String': {
        // luac shows the lexer's buffer: delimiters (the AST keeps none: assume
        // double quotes) around the decoded bytes, cut at a NUL as C strings are
        const text = `"${e.value}"`;
        const nul = text.indexOf('\0');
        return nul < 0 ? text : text.slice(0, nul);
      }
      case 'Name': return e.name;
      case 'Table': return '{';
      case 'Function': return 'function';
      case 'Paren': return '(';
      case 'Unary': return e.op;
      // chains can be arbitrarily long: loop, don't recurse
      case 'Binary': e = e.left; break;
      case 'Index': e = e.object; break;
      case 'Call': e = e.callee; break;
      case 'MethodCall': e = e.object; break;
    }
  }
}

// constructor -> `{' [ field { fieldsep field } [ fieldsep ] ] `}'
function constructor(fs: FuncState, node: TableConstructor, t: ExpDesc): void {
  const pc = fs.codeABC(Op.NEWTABLE, 0, 0, 0);
  let na = 0;
  let nh = 0;
  let tostore = 0;
  t.init(ExpKind.RELOCABLE, pc);
  const v = new ExpDesc(); // last list item read
  fs.near = near('{', node.line);
  fs.exp2nextreg(t); // fix it at stack top (for gc)
  fs.near = undefined;
  fs.line = node.line;
  const follow = fs.follow;
  const fields = node.fields;
  for (let fi = 0; fi < fields.length; fi++) {
    const field = fields[fi]!;
    // a field ends at its separator (',' or ';': the AST doesn't say which)
    const sep = fi + 1 < fields.length ? near(',', field.lastLine) : near('}', node.lastLine);
    // closelistfield
    if (v.k !== ExpKind.VOID) {
      fs.near = {
        text: field.kind === 'Named' ? field.name : field.kind === 'Keyed' ? '[' : firstToken(field.value),
        line: field.line,
      };
      fs.exp2nextreg(v);
      fs.near = undefined;
      v.k = ExpKind.VOID;
      if (tostore === LFIELDS_PER_FLUSH) {
        fs.setlist(t.info, na, tostore);
        tostore = 0;
      }
    }
    if (field.kind === 'Positional') {
      // listfield
      subexpr(fs, field.value, v, sep);
      na++;
      tostore++;
    } else {
      // recfield -> (NAME | `['exp1`]') = exp1
      const reg = fs.freereg;
      const key = new ExpDesc();
      if (field.kind === 'Named') {
        fs.line = field.line;
        codestring(fs, key, field.name);
      } else {
        fs.line = field.line; // `[' consumed
        subexpr(fs, field.key, key, near(']', field.key.lastLine));
        fs.near = near(']', field.key.lastLine);
        fs.exp2val(key);
        fs.line = field.key.lastLine;
      }
      nh++;
      fs.near = near(firstToken(field.value), field.value.line);
      const rkkey = fs.exp2RK(key);
      const val = new ExpDesc();
      subexpr(fs, field.value, val, sep);
      fs.near = sep;
      fs.codeABC(Op.SETTABLE, t.info, rkkey, fs.exp2RK(val));
      fs.near = undefined;
      fs.freereg = reg;
    }
    fs.line = field.lastLine;
  }
  fs.line = node.lastLine;
  fs.near = follow;
  // lastlistfield
  if (tostore !== 0) {
    if (hasMultRet(v.k)) {
      fs.setmultret(v);
      fs.setlist(t.info, na, MULTRET);
      na--; // do not count last expression (unknown number of elements)
    } else {
      if (v.k !== ExpKind.VOID) fs.exp2nextreg(v);
      fs.setlist(t.info, na, tostore);
    }
  }
  fs.near = undefined;
  fs.setB(pc, int2fb(na));
  fs.setC(pc, int2fb(nh));
}

// ---------------------------------------------------------------- statements


function statementFirstToken(s: Statement): string {
  switch (s.kind) {
    case 'If': return 'if';
    case 'While': return 'while';
    case 'Do': return 'do';
    case 'NumericFor': case 'GenericFor': return 'for';
    case 'Repeat': return 'repeat';
    case 'FunctionDecl': return 'function';
    case 'LocalFunction': case 'Local': return 'local';
    case 'Return': return 'return';
    case 'Break': return 'break';
    case 'Assign': return firstToken(s.targets[0]!);
    case 'CallStatement': return firstToken(s.call);
  }
}

function statList(fs: FuncState, block: Block, after: Near): void {
  const stats = block.body;
  const saved = fs.after;
  for (let i = 0; i < stats.length; i++) {
    const next = stats[i + 1];
    fs.after = next === undefined ? after : { text: statementFirstToken(next), line: next.line };
    statement(fs, stats[i]!);
    fs.freereg = fs.nactvar; // free registers
  }
  fs.after = saved;
}

function block(fs: FuncState, b: Block, after: Near): void {
  enterblock(fs, false);
  statList(fs, b, after);
  leaveblock(fs);
}

function statement(fs: FuncState, s: Statement): void {
  fs.line = s.line;
  switch (s.kind) {
    case 'If': ifstat(fs, s); break;
    case 'While': whilestat(fs, s); break;
    case 'Do': block(fs, s.body, { text: 'end', line: s.lastLine }); break;
    case 'NumericFor': fornum(fs, s); break;
    case 'GenericFor': forlist(fs, s); break;
    case 'Repeat': repeatstat(fs, s); break;
    case 'FunctionDecl': funcstat(fs, s); break;
    case 'LocalFunction': localfunc(fs, s); break;
    case 'Local': localstat(fs, s); break;
    case 'Return': retstat(fs, s); break;
    case 'Break': breakstat(fs); break;
    case 'Assign': assignment(fs, s); break;
    case 'CallStatement': {
      const v = new ExpDesc();
      subexpr(fs, s.call, v, fs.after);
      fs.setC(v.info, 1); // call statement uses no results
      break;
    }
  }
  fs.line = s.lastLine;
}

/** cond -> exp: jumps out when false; returns the false exit list. */
function cond(fs: FuncState, e: Expression, follow: Near | undefined): number {
  const v = new ExpDesc();
  subexpr(fs, e, v, follow);
  if (v.k === ExpKind.NIL) v.k = ExpKind.FALSE; // `falses' are all equal here
  fs.near = follow;
  fs.goiftrue(v);
  fs.near = undefined;
  return v.f;
}

function breakstat(fs: FuncState): void {
  let bl = fs.bl;
  let upval = false;
  while (bl !== null && !bl.isbreakable) {
    upval ||= bl.upval;
    bl = bl.previous;
  }
  if (bl === null) compileError(fs, 'no loop to break');
  if (upval) fs.codeABC(Op.CLOSE, bl.nactvar, 0, 0);
  bl.breaklist = fs.concat(bl.breaklist, fs.jump());
}

// whilestat -> WHILE cond DO block END
function whilestat(fs: FuncState, s: While): void {
  const whileinit = fs.getlabel();
  const condexit = cond(fs, s.cond, near('do', s.body.body.length === 0 ? s.body.line : s.cond.lastLine));
  enterblock(fs, true);
  // `do' consumed: the AST gives its line only as an empty body's line
  if (s.body.body.length === 0) fs.line = s.body.line;
  block(fs, s.body, { text: 'end', line: s.lastLine });
  fs.near = { text: 'end', line: s.lastLine };
  fs.patchlist(fs.jump(), whileinit);
  fs.near = undefined;
  fs.line = s.lastLine;
  leaveblock(fs);
  fs.patchtohere(condexit); // false conditions finish the loop
}

// repeatstat -> REPEAT block UNTIL cond
function repeatstat(fs: FuncState, s: Repeat): void {
  const repeatInit = fs.getlabel();
  enterblock(fs, true); // loop block
  const bl2 = enterblock(fs, false); // scope block
  statList(fs, s.body, { text: 'until', line: s.untilLine });
  fs.line = s.untilLine;
  const condexit = cond(fs, s.cond, fs.after); // read condition (inside scope block)
  fs.near = fs.after;
  if (!bl2.upval) {
    leaveblock(fs);
    fs.patchlist(condexit, repeatInit);
  } else {
    // complete semantics when there are upvalues
    breakstat(fs); // if condition then break
    fs.patchtohere(condexit); // else...
    leaveblock(fs); // finish scope...
    fs.patchlist(fs.jump(), repeatInit); // and repeat
  }
  leaveblock(fs); // finish loop
  fs.near = undefined;
}

// forbody -> DO block
function forbody(fs: FuncState, base: number, line: number, nvars: number, isnum: boolean, doLine: number, b: Block, endLine: number): void {
  adjustlocalvars(fs, 3); // control variables
  fs.line = doLine;
  const prep = isnum ? fs.codeAsBx(Op.FORPREP, base, NO_JUMP) : fs.jump();
  enterblock(fs, false); // scope for declared variables
  adjustlocalvars(fs, nvars);
  fs.reserveregs(nvars);
  block(fs, b, { text: 'end', line: endLine });
  fs.near = near('end', endLine);
  leaveblock(fs);
  fs.patchtohere(prep);
  const endfor = isnum ? fs.codeAsBx(Op.FORLOOP, base, NO_JUMP) : fs.codeABC(Op.TFORLOOP, base, 0, nvars);
  fs.fixline(line); // pretend that `OP_FOR' starts the loop
  fs.patchlist(isnum ? endfor : fs.jump(), prep + 1);
  fs.near = undefined;
}

// fornum -> NAME = exp1,exp1[,exp1] forbody
function fornum(fs: FuncState, s: NumericFor): void {
  enterblock(fs, true); // scope for loop and control variables
  const base = fs.freereg;
  newLocalvar(fs, '(for index)', 0);
  newLocalvar(fs, '(for limit)', 1);
  newLocalvar(fs, '(for step)', 2);
  newLocalvar(fs, s.var, 3);
  const doTok = near('do', s.doLine);
  exp1(fs, s.start, near(',', s.start.lastLine));
  exp1(fs, s.limit, s.step !== undefined ? near(',', s.limit.lastLine) : doTok);
  if (s.step !== undefined) {
    exp1(fs, s.step, doTok);
  } else {
    fs.near = doTok;
    fs.codeABx(Op.LOADK, fs.freereg, fs.numberK(1));
    fs.reserveregs(1);
  }
  forbody(fs, base, s.line, 1, true, s.doLine, s.body, s.lastLine);
  fs.line = s.lastLine;
  leaveblock(fs); // loop scope (`break' jumps to this point)
}

function exp1(fs: FuncState, e: Expression, follow: Near): void {
  const v = new ExpDesc();
  subexpr(fs, e, v, follow);
  fs.near = follow;
  fs.exp2nextreg(v);
  fs.near = undefined;
}

// forlist -> NAME {,NAME} IN explist1 forbody
function forlist(fs: FuncState, s: GenericFor): void {
  enterblock(fs, true);
  const base = fs.freereg;
  let nvars = 0;
  newLocalvar(fs, '(for generator)', nvars++);
  newLocalvar(fs, '(for state)', nvars++);
  newLocalvar(fs, '(for control)', nvars++);
  for (const n of s.names) newLocalvar(fs, n, nvars++);
  // lparser.c takes the line after `in`: the first expression's line
  const line = s.exprs[0]!.line;
  const e = new ExpDesc();
  const doTok = near('do', s.doLine);
  const nexps = explist(fs, s.exprs, e, doTok);
  fs.near = doTok;
  adjustAssign(fs, 3, nexps, e);
  fs.checkstack(3); // extra space to call generator
  fs.near = undefined;
  forbody(fs, base, line, nvars - 3, false, s.doLine, s.body, s.lastLine);
  fs.line = s.lastLine;
  leaveblock(fs);
}

// ifstat -> IF cond THEN block {ELSEIF cond THEN block} [ELSE block] END
function ifstat(fs: FuncState, s: If): void {
  let escapelist = NO_JUMP;
  let flist = NO_JUMP;
  s.clauses.forEach((clause, i) => {
    if (i > 0) {
      escapelist = fs.concat(escapelist, fs.jump());
      fs.patchtohere(flist);
    }
    // test_then_block
    fs.line = clause.line;
    flist = cond(fs, clause.cond, near('then', clause.thenLine));
    fs.line = clause.thenLine;
    const next = s.clauses[i + 1];
    block(fs, clause.body, next !== undefined ? { text: 'elseif', line: next.line }
      : s.orelse !== undefined ? { text: 'else', line: s.elseLine ?? s.lastLine } : { text: 'end', line: s.lastLine });
  });
  if (s.orelse !== undefined) {
    escapelist = fs.concat(escapelist, fs.jump());
    fs.patchtohere(flist);
    fs.line = s.elseLine ?? fs.line; // skip ELSE (after patch, for correct line info)
    block(fs, s.orelse, { text: 'end', line: s.lastLine });
  } else {
    escapelist = fs.concat(escapelist, flist);
  }
  fs.patchtohere(escapelist);
}

// funcstat -> FUNCTION funcname body
function funcstat(fs: FuncState, s: FunctionDecl): void {
  const v = new ExpDesc();
  // funcname -> NAME {field} [`:' NAME]
  singlevar(fs, s.path[0]!, v);
  const keys = s.method === undefined ? s.path.slice(1) : [...s.path.slice(1), s.method];
  for (const name of keys) {
    fs.exp2anyreg(v);
    const key = new ExpDesc();
    codestring(fs, key, name);
    fs.indexed(v, key);
  }
  const b = new ExpDesc();
  body(fs, s.func, b, fs.after);
  fs.storevar(v, b);
  fs.fixline(s.line); // definition `happens' in the first line
}

// localfunc -> LOCAL FUNCTION NAME body
function localfunc(fs: FuncState, s: LocalFunction): void {
  newLocalvar(fs, s.name, 0);
  const v = new ExpDesc(ExpKind.LOCAL, fs.freereg);
  fs.reserveregs(1);
  adjustlocalvars(fs, 1);
  const b = new ExpDesc();
  body(fs, s.func, b, fs.after);
  fs.storevar(v, b);
  // debug information will only see the variable after this point!
  getlocvar(fs, fs.nactvar - 1).startpc = fs.pc;
}

// localstat -> LOCAL NAME {`,' NAME} [`=' explist1]
function localstat(fs: FuncState, s: Local): void {
  const nvars = s.names.length;
  for (let i = 0; i < nvars; i++) newLocalvar(fs, s.names[i]!, i);
  const e = new ExpDesc();
  let nexps = 0;
  if (s.values.length > 0) nexps = explist(fs, s.values, e, fs.after);
  fs.line = s.lastLine;
  fs.near = fs.after;
  adjustAssign(fs, nvars, nexps, e);
  adjustlocalvars(fs, nvars);
  fs.near = undefined;
}

function adjustAssign(fs: FuncState, nvars: number, nexps: number, e: ExpDesc): void {
  let extra = nvars - nexps;
  if (hasMultRet(e.k)) {
    extra++; // includes call itself
    if (extra < 0) extra = 0;
    fs.setreturns(e, extra); // last exp. provides the difference
    if (extra > 1) fs.reserveregs(extra - 1);
  } else {
    if (e.k !== ExpKind.VOID) fs.exp2nextreg(e); // close last expression
    if (extra > 0) {
      const reg = fs.freereg;
      fs.reserveregs(extra);
      fs.nil(reg, extra);
    }
  }
}

/** The lvalue of an assignment target (primaryexp without the final discharge). */
function lvalue(fs: FuncState, target: Name | Index, v: ExpDesc, follow: Near): void {
  if (target.kind === 'Name') singlevar(fs, target.name, v);
  else subexpr(fs, target, v, follow);
  fs.line = target.lastLine;
}

// A local assigned in a multiple assignment that an earlier target uses as
// table or key: the earlier store must see the old value, so copy it.
function checkConflict(fs: FuncState, lhs: readonly ExpDesc[], v: ExpDesc): void {
  const extra = fs.freereg;
  let conflict = false;
  for (const lh of lhs) {
    if (lh.k === ExpKind.INDEXED) {
      if (lh.info === v.info) {
        conflict = true;
        lh.info = extra;
      }
      if (lh.aux === v.info) {
        conflict = true;
        lh.aux = extra;
      }
    }
  }
  if (conflict) {
    fs.codeABC(Op.MOVE, fs.freereg, v.info, 0);
    fs.reserveregs(1);
  }
}

// assignment -> `,' primaryexp assignment | `=' explist1
function assignment(fs: FuncState, s: Assign): void {
  const lhs: ExpDesc[] = [];
  s.targets.forEach((target, i) => {
    const v = new ExpDesc();
    const follow = i + 1 < s.targets.length ? near(',', target.lastLine) : near('=', s.eqLine);
    lvalue(fs, target, v, follow);
    fs.near = follow;
    if (lhs.length > 0 && v.k === ExpKind.LOCAL) checkConflict(fs, lhs, v);
    fs.near = undefined;
    lhs.push(v);
  });
  const nvars = lhs.length;
  fs.line = s.eqLine;
  const e = new ExpDesc();
  const nexps = explist(fs, s.values, e, fs.after);
  fs.line = s.lastLine;
  fs.near = fs.after;
  let i = nvars - 1;
  if (nexps !== nvars) {
    adjustAssign(fs, nvars, nexps, e);
    if (nexps > nvars) fs.freereg -= nexps - nvars; // remove extra values
  } else {
    fs.setoneret(e); // close last expression
    fs.storevar(lhs[i]!, e);
    i--;
  }
  for (; i >= 0; i--) {
    e.init(ExpKind.NONRELOC, fs.freereg - 1); // default assignment
    fs.storevar(lhs[i]!, e);
  }
  fs.near = undefined;
}

// retstat -> RETURN explist
function retstat(fs: FuncState, s: Return): void {
  let first: number;
  let nret: number;
  if (s.values.length === 0) {
    first = nret = 0; // return no values
  } else {
    const e = new ExpDesc();
    nret = explist(fs, s.values, e, fs.after);
    fs.line = s.lastLine;
    fs.near = fs.after;
    if (hasMultRet(e.k)) {
      fs.setmultret(e);
      if (e.k === ExpKind.CALL && nret === 1) fs.setOp(e.info, Op.TAILCALL); // tail call?
      first = fs.nactvar;
      nret = MULTRET; // return all values
    } else if (nret === 1) {
      first = fs.exp2anyreg(e); // only one single value
    } else {
      fs.exp2nextreg(e); // values must go to the `stack'
      first = fs.nactvar; // return all `active' values
    }
  }
  fs.ret(first, nret);
  fs.near = undefined;
}
