// The typed AST of Lua 5.1, shared by the parser (which builds it), the
// printer (which turns it back into source) and the compiler (which walks it).
//
// Invariants:
// - Every node has `line`, the line of its first token, and `lastLine`, the
//   line where its last token ends (a multi-line long string ends on a later
//   line than it starts). Lua's code generator stamps each instruction with
//   the line of the last token consumed when it emits it (`ls->lastline`), so
//   the compiler reproduces luac's line info from these two fields plus the
//   few keyword and punctuation lines stored on the nodes that need them.
// - Strings (names, string literals) are byte strings: one byte per code unit.
// - `kind` is the discriminant; nodes are plain objects, never classes, so
//   golden ASTs serialise with JSON.stringify.
// - Only additive changes here: the parser, printer and compiler all read it.

export interface NodeBase {
  line: number;
  lastLine: number;
}

// ---------------------------------------------------------------- expressions

export interface NilLiteral extends NodeBase { kind: 'Nil' }
export interface TrueLiteral extends NodeBase { kind: 'True' }
export interface FalseLiteral extends NodeBase { kind: 'False' }
export interface VarargLiteral extends NodeBase { kind: 'Vararg' }

export interface NumberLiteral extends NodeBase {
  kind: 'Number';
  value: number;
  /** The source text of the numeral, for the printer and error messages. */
  raw: string;
}

export interface StringLiteral extends NodeBase {
  kind: 'String';
  /** Decoded bytes (escapes resolved), one byte per code unit. */
  value: string;
}

export interface Name extends NodeBase {
  kind: 'Name';
  name: string;
}

/** `obj[key]`, or `obj.name` (then `key` is a String node and `dot` is true). */
export interface Index extends NodeBase {
  kind: 'Index';
  object: Expression;
  key: Expression;
  dot: boolean;
}

/** `callee(args)`, `callee "str"`, `callee {table}`. */
export interface Call extends NodeBase {
  kind: 'Call';
  callee: Expression;
  args: Expression[];
  /** Line of the token that opens the arguments ('(', the string, or '{'); luac stamps CALL with it. */
  argsLine: number;
}

/** `object:method(args)`. */
export interface MethodCall extends NodeBase {
  kind: 'MethodCall';
  object: Expression;
  method: string;
  /** Line of the method name (after ':'). */
  methodLine: number;
  args: Expression[];
  argsLine: number;
}

export interface FunctionExpr extends NodeBase {
  kind: 'Function';
  /** `line` is the line of the `function` keyword (luac's linedefined); `lastLine` the line of `end`. */
  params: string[];
  isVararg: boolean;
  body: Block;
  /** True for `function a.b:m()` bodies: an implicit first parameter `self`. Already included in `params`. */
  isMethod: boolean;
}

export type TableField =
  /** `value` */
  | { kind: 'Positional'; value: Expression; line: number; lastLine: number }
  /** `name = value` */
  | { kind: 'Named'; name: string; value: Expression; line: number; lastLine: number }
  /** `[key] = value` */
  | { kind: 'Keyed'; key: Expression; value: Expression; line: number; lastLine: number };

export interface TableConstructor extends NodeBase {
  kind: 'Table';
  fields: TableField[];
}

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '^' | '..'
  | '==' | '~=' | '<' | '<=' | '>' | '>='
  | 'and' | 'or';

export interface Binary extends NodeBase {
  kind: 'Binary';
  op: BinaryOp;
  left: Expression;
  right: Expression;
  /** Line of the operator token (5.1 emits the left operand's code when the operator is consumed). */
  opLine: number;
}

export type UnaryOp = '-' | 'not' | '#';

export interface Unary extends NodeBase {
  kind: 'Unary';
  op: UnaryOp;
  operand: Expression;
}

/** `(expr)`: truncates multiple results to one, and is not an lvalue. */
export interface Paren extends NodeBase {
  kind: 'Paren';
  expr: Expression;
}

export type Expression =
  | NilLiteral | TrueLiteral | FalseLiteral | VarargLiteral
  | NumberLiteral | StringLiteral
  | Name | Index | Call | MethodCall
  | FunctionExpr | TableConstructor
  | Binary | Unary | Paren;

// ----------------------------------------------------------------- statements

/** `local n1, n2 = e1, e2` (values may be empty). */
export interface Local extends NodeBase {
  kind: 'Local';
  names: string[];
  values: Expression[];
}

/** `local function name() ... end` */
export interface LocalFunction extends NodeBase {
  kind: 'LocalFunction';
  name: string;
  func: FunctionExpr;
}

/** `function a.b.c:m() ... end`: `path` is ['a','b','c'], `method` is 'm' (or absent). */
export interface FunctionDecl extends NodeBase {
  kind: 'FunctionDecl';
  path: string[];
  method?: string;
  func: FunctionExpr;
}

/** `t1, t2 = e1, e2`: targets are Name or Index nodes. */
export interface Assign extends NodeBase {
  kind: 'Assign';
  targets: (Name | Index)[];
  values: Expression[];
  /** Line of '='. */
  eqLine: number;
}

export interface CallStatement extends NodeBase {
  kind: 'CallStatement';
  call: Call | MethodCall;
}

export interface Do extends NodeBase {
  kind: 'Do';
  body: Block;
}

export interface While extends NodeBase {
  kind: 'While';
  cond: Expression;
  body: Block;
}

/** `repeat body until cond`: `cond` sees the body's locals. */
export interface Repeat extends NodeBase {
  kind: 'Repeat';
  body: Block;
  cond: Expression;
  /** Line of `until`. */
  untilLine: number;
}

export interface IfClause {
  /** Line of `if` / `elseif`. */
  line: number;
  cond: Expression;
  /** Line of `then`. */
  thenLine: number;
  body: Block;
}

export interface If extends NodeBase {
  kind: 'If';
  clauses: IfClause[];
  orelse?: Block;
  /** Line of `else` when present. */
  elseLine?: number;
}

/** `for var = start, limit [, step] do body end` */
export interface NumericFor extends NodeBase {
  kind: 'NumericFor';
  var: string;
  start: Expression;
  limit: Expression;
  step?: Expression;
  /** Line of `do`. */
  doLine: number;
  body: Block;
}

/** `for n1, n2 in e1, e2 do body end` */
export interface GenericFor extends NodeBase {
  kind: 'GenericFor';
  names: string[];
  exprs: Expression[];
  doLine: number;
  body: Block;
}

export interface Return extends NodeBase {
  kind: 'Return';
  values: Expression[];
}

export interface Break extends NodeBase {
  kind: 'Break';
}

export type Statement =
  | Local | LocalFunction | FunctionDecl | Assign | CallStatement
  | Do | While | Repeat | If | NumericFor | GenericFor
  | Return | Break;

/** A statement list. `line`/`lastLine` span its statements (equal to the
 *  enclosing keyword's line when empty). */
export interface Block extends NodeBase {
  kind: 'Block';
  body: Statement[];
}

/** A whole chunk: the main function's body. `lastLine` is the line of the last token (or of <eof>). */
export interface Chunk extends NodeBase {
  kind: 'Chunk';
  body: Block;
  /** The chunk name as given to the parser (`@file`, `=name`, or the source itself). */
  chunkName: string;
}

export type Node = Expression | Statement | Block | Chunk;
