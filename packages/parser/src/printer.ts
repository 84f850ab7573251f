// AST back to Lua source. For an AST the parser built, parsing the output
// gives the same AST again (line numbers aside): Paren nodes print as
// parentheses, and the printer adds parentheses of its own only where an AST
// built by hand would otherwise parse differently (operator precedence, a
// literal as a call's callee), which a parsed AST never needs.
//
// Layout: one statement per line, each ended by ';' so that a statement
// starting with '(' can never continue the previous one ("ambiguous syntax").
import type * as A from './ast.js';

// lparser.c's priority table: [left, right].
const PRIORITY: Record<A.BinaryOp, [number, number]> = {
  '+': [6, 6], '-': [6, 6], '*': [7, 7], '/': [7, 7], '%': [7, 7],
  '^': [10, 9], '..': [5, 4],
  '==': [3, 3], '~=': [3, 3], '<': [3, 3], '<=': [3, 3], '>': [3, 3], '>=': [3, 3],
  'and': [2, 2], 'or': [1, 1],
};
const UNARY_PRIORITY = 8;

const KEYWORDS = new Set([
  'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'if', 'in',
  'local', 'nil', 'not', 'or', 'repeat', 'return', 'then', 'true', 'until', 'while',
]);

/** Whether `s` can be written as a Name (so `t.s` and `{s = v}` are possible). */
export function isIdentifier(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !KEYWORDS.has(s);
}

/** A string literal that reads back as exactly the bytes of `s`. */
export function quoteString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) out += '\\"';
    else if (c === 92) out += '\\\\';
    else if (c === 10) out += '\\n';
    else if (c < 32 || c >= 127) out += '\\' + String(c).padStart(3, '0');
    else out += s.charAt(i);
  }
  return out + '"';
}

/** Prints a whole chunk. */
export function printChunk(chunk: A.Chunk): string {
  const out: string[] = [];
  printBlock(chunk.body, '', out);
  return out.join('\n') + (out.length > 0 ? '\n' : '');
}

function printBlock(block: A.Block, indent: string, out: string[]): void {
  for (const s of block.body) printStatement(s, indent, out);
}

function printStatement(s: A.Statement, ind: string, out: string[]): void {
  const inner = ind + '  ';
  switch (s.kind) {
    case 'Local':
      out.push(`${ind}local ${s.names.join(', ')}${s.values.length > 0 ? ' = ' + exprList(s.values) : ''};`);
      return;
    case 'LocalFunction':
      out.push(`${ind}local function ${s.name}${funcBody(s.func, inner)};`);
      return;
    case 'FunctionDecl': {
      const params = s.func.isMethod ? { ...s.func, params: s.func.params.slice(1) } : s.func;
      const name = s.path.join('.') + (s.method !== undefined ? ':' + s.method : '');
      out.push(`${ind}function ${name}${funcBody(params, inner)};`);
      return;
    }
    case 'Assign':
      out.push(`${ind}${s.targets.map((t) => expr(t)).join(', ')} = ${exprList(s.values)};`);
      return;
    case 'CallStatement':
      out.push(`${ind}${expr(s.call)};`);
      return;
    case 'Do':
      out.push(`${ind}do`);
      printBlock(s.body, inner, out);
      out.push(`${ind}end;`);
      return;
    case 'While':
      out.push(`${ind}while ${expr(s.cond)} do`);
      printBlock(s.body, inner, out);
      out.push(`${ind}end;`);
      return;
    case 'Repeat':
      out.push(`${ind}repeat`);
      printBlock(s.body, inner, out);
      out.push(`${ind}until ${expr(s.cond)};`);
      return;
    case 'If':
      s.clauses.forEach((c, i) => {
        out.push(`${ind}${i === 0 ? 'if' : 'elseif'} ${expr(c.cond)} then`);
        printBlock(c.body, inner, out);
      });
      if (s.orelse !== undefined) {
        out.push(`${ind}else`);
        printBlock(s.orelse, inner, out);
      }
      out.push(`${ind}end;`);
      return;
    case 'NumericFor':
      out.push(`${ind}for ${s.var} = ${expr(s.start)}, ${expr(s.limit)}${s.step !== undefined ? ', ' + expr(s.step) : ''} do`);
      printBlock(s.body, inner, out);
      out.push(`${ind}end;`);
      return;
    case 'GenericFor':
      out.push(`${ind}for ${s.names.join(', ')} in ${exprList(s.exprs)} do`);
      printBlock(s.body, inner, out);
      out.push(`${ind}end;`);
      return;
    case 'Return':
      out.push(`${ind}return${s.values.length > 0 ? ' ' + exprList(s.values) : ''};`);
      return;
    case 'Break':
      out.push(`${ind}break;`);
      return;
  }
}

function funcBody(f: A.FunctionExpr, inner: string): string {
  const params = [...f.params];
  if (f.isVararg) params.push('...');
  const body: string[] = [];
  printBlock(f.body, inner, body);
  const ind = inner.slice(2);
  return `(${params.join(', ')})\n${body.map((l) => l + '\n').join('')}${ind}end`;
}

function exprList(list: A.Expression[]): string {
  return list.map((e) => expr(e)).join(', ');
}

/** A prefix expression (callee, indexed object), parenthesised when it is not one. */
function prefix(e: A.Expression): string {
  switch (e.kind) {
    case 'Name': case 'Index': case 'Call': case 'MethodCall': case 'Paren':
      return expr(e);
    default:
      return `(${expr(e)})`;
  }
}

function expr(e: A.Expression, indent = ''): string {
  switch (e.kind) {
    case 'Nil': return 'nil';
    case 'True': return 'true';
    case 'False': return 'false';
    case 'Vararg': return '...';
    case 'Number': return e.raw;
    case 'String': return quoteString(e.value);
    case 'Name': return e.name;
    case 'Index':
      if (e.dot && e.key.kind === 'String' && isIdentifier(e.key.value)) return `${prefix(e.object)}.${e.key.value}`;
      return `${prefix(e.object)}[${expr(e.key)}]`;
    case 'Call': return `${prefix(e.callee)}(${exprList(e.args)})`;
    case 'MethodCall': return `${prefix(e.object)}:${e.method}(${exprList(e.args)})`;
    case 'Function': return `function${funcBody(e, indent + '  ')}`;
    case 'Table': return tableExpr(e);
    case 'Paren': return `(${expr(e.expr)})`;
    case 'Unary': {
      const operand = e.operand;
      // The operand is parsed as subexpr(UNARY_PRIORITY): only '^' binds tighter.
      const wrap = operand.kind === 'Binary' && PRIORITY[operand.op][0] <= UNARY_PRIORITY;
      return `${e.op} ${wrap ? `(${expr(operand)})` : expr(operand)}`;
    }
    case 'Binary': {
      const prio = PRIORITY[e.op];
      return `${operand(e.left, prio, true)} ${e.op} ${operand(e.right, prio, false)}`;
    }
  }
}

/**
 * A binary operand, parenthesised if it would not parse back as this operand.
 * subexpr(limit) keeps taking operators whose left priority exceeds `limit`:
 * a left operand `a op2 b` would lose `b` to our operator when our left
 * priority exceeds op2's right one; a right operand (parsed with our right
 * priority as limit) would end before its operator unless that operator's
 * left priority exceeds it. A unary left operand would take a following '^'.
 */
function operand(e: A.Expression, parent: [number, number], isLeft: boolean): string {
  let wrap = false;
  if (e.kind === 'Binary') {
    const [l, r] = PRIORITY[e.op];
    wrap = isLeft ? parent[0] > r : l <= parent[1];
  } else if (e.kind === 'Unary') {
    wrap = isLeft && parent[0] > UNARY_PRIORITY;
  }
  return wrap ? `(${expr(e)})` : expr(e);
}

function tableExpr(t: A.TableConstructor): string {
  if (t.fields.length === 0) return '{}';
  const parts = t.fields.map((f) => {
    switch (f.kind) {
      case 'Positional': return expr(f.value);
      case 'Named': return `${f.name} = ${expr(f.value)}`;
      case 'Keyed': return `[${expr(f.key)}] = ${expr(f.value)}`;
    }
  });
  return `{${parts.join(', ')}}`;
}
