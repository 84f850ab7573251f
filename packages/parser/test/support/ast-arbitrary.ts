// fast-check arbitraries for valid Lua 5.1 ASTs (lines set to 0), and the
// helpers to compare ASTs modulo line numbers.
import fc from 'fast-check';
import type * as A from '@valua/parser';
import { str2number } from '@valua/lexer';

const L = { line: 0, lastLine: 0 };

const KEYWORDS = new Set([
  'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'if', 'in',
  'local', 'nil', 'not', 'or', 'repeat', 'return', 'then', 'true', 'until', 'while',
]);

export const nameArb = fc.oneof(
  fc.constantFrom('a', 'b', 'x', 'self', 'arg', '_', 'end_', 'If', 'nil2', 'print'),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/).filter((s) => !KEYWORDS.has(s)),
);

const NUMERALS = ['0', '1', '42', '3.25', '.5', '5.', '1e10', '1E-3', '2.5e+2', '0x1F', '0XaBc', '0x0', '1e400', '0x1p4', '007'];
const numberArb: fc.Arbitrary<A.NumberLiteral> = fc.oneof(
  fc.constantFrom(...NUMERALS),
  fc.integer({ min: 0, max: 1e9 }).map(String),
  fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map((d) => String(d)).filter((s) => !s.includes('-') || s.includes('e-')),
).filter((raw) => /^[0-9.]/.test(raw) && str2number(raw) !== undefined)
  .map((raw) => ({ kind: 'Number', ...L, value: str2number(raw) as number, raw }));

const byteString = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 12 })
  .map((codes) => String.fromCharCode(...codes));
const stringArb: fc.Arbitrary<A.StringLiteral> = fc.oneof(byteString, nameArb)
  .map((value) => ({ kind: 'String', ...L, value }));

const BINOPS: A.BinaryOp[] = ['+', '-', '*', '/', '%', '^', '..', '==', '~=', '<', '<=', '>', '>=', 'and', 'or'];
const UNOPS: A.UnaryOp[] = ['-', 'not', '#'];

interface Ctx { vararg: boolean; loop: boolean }

/** Arbitraries for one function context (vararg-ness, inside a loop or not). */
function build(depth: number, ctx: Ctx): { expr: fc.Arbitrary<A.Expression>; block: fc.Arbitrary<A.Block> } {
  const leaf: fc.Arbitrary<A.Expression>[] = [
    fc.constant<A.Expression>({ kind: 'Nil', ...L }),
    fc.constant<A.Expression>({ kind: 'True', ...L }),
    fc.constant<A.Expression>({ kind: 'False', ...L }),
    numberArb, stringArb,
    nameArb.map((name): A.Expression => ({ kind: 'Name', ...L, name })),
  ];
  if (ctx.vararg) leaf.push(fc.constant<A.Expression>({ kind: 'Vararg', ...L }));
  const leafArb = fc.oneof(...leaf);
  const emptyBlock = fc.constant<A.Block>({ kind: 'Block', ...L, body: [] });
  if (depth <= 0) return { expr: leafArb, block: emptyBlock };

  const sub = build(depth - 1, ctx);
  const e = sub.expr;
  const args = fc.array(e, { maxLength: 3 });
  const funcArb = (isMethod: boolean): fc.Arbitrary<A.FunctionExpr> =>
    fc.record({ params: fc.uniqueArray(nameArb, { maxLength: 3 }), isVararg: fc.boolean() }).chain(({ params, isVararg }) =>
      build(depth - 1, { vararg: isVararg, loop: false }).block.map((body): A.FunctionExpr => ({
        kind: 'Function', ...L, params: isMethod ? ['self', ...params] : params, isVararg, body, isMethod,
      })));
  const prefixArb: fc.Arbitrary<A.Expression> = fc.oneof(
    nameArb.map((name): A.Expression => ({ kind: 'Name', ...L, name })),
    e.map((inner): A.Expression => ({ kind: 'Paren', ...L, expr: inner })),
  );
  const indexArb: fc.Arbitrary<A.Index> = fc.oneof(
    fc.record({ object: prefixArb, key: e }).map(({ object, key }): A.Index => ({ kind: 'Index', ...L, object, key, dot: false })),
    fc.record({ object: prefixArb, key: nameArb }).map(({ object, key }): A.Index => ({
      kind: 'Index', ...L, object, key: { kind: 'String', ...L, value: key }, dot: true,
    })),
  );
  const callArb: fc.Arbitrary<A.Call | A.MethodCall> = fc.oneof(
    fc.record({ callee: prefixArb, args }).map(({ callee, args: a }): A.Call => ({ kind: 'Call', ...L, callee, args: a, argsLine: 0 })),
    fc.record({ object: prefixArb, method: nameArb, args }).map(({ object, method, args: a }): A.MethodCall => ({
      kind: 'MethodCall', ...L, object, method, methodLine: 0, args: a, argsLine: 0,
    })),
  );
  const fieldArb: fc.Arbitrary<A.TableField> = fc.oneof(
    e.map((value): A.TableField => ({ kind: 'Positional', value, ...L })),
    fc.record({ name: nameArb, value: e }).map(({ name, value }): A.TableField => ({ kind: 'Named', name, value, ...L })),
    fc.record({ key: e, value: e }).map(({ key, value }): A.TableField => ({ kind: 'Keyed', key, value, ...L })),
  );
  const expr: fc.Arbitrary<A.Expression> = fc.oneof(
    { weight: 3, arbitrary: leafArb },
    { weight: 2, arbitrary: fc.record({ op: fc.constantFrom(...BINOPS), left: e, right: e })
      .map(({ op, left, right }): A.Expression => ({ kind: 'Binary', ...L, op, left, right, opLine: 0 })) },
    { weight: 1, arbitrary: fc.record({ op: fc.constantFrom(...UNOPS), operand: e })
      .map(({ op, operand }): A.Expression => ({ kind: 'Unary', ...L, op, operand })) },
    { weight: 1, arbitrary: indexArb },
    { weight: 1, arbitrary: callArb },
    { weight: 1, arbitrary: e.map((inner): A.Expression => ({ kind: 'Paren', ...L, expr: inner })) },
    { weight: 1, arbitrary: fc.array(fieldArb, { maxLength: 3 }).map((fields): A.Expression => ({ kind: 'Table', ...L, fields })) },
    { weight: 1, arbitrary: funcArb(false) },
  );

  const exprs1 = fc.array(e, { minLength: 1, maxLength: 3 });
  const b = sub.block;
  const loopBlock = build(depth - 1, { ...ctx, loop: true }).block;
  const stat: fc.Arbitrary<A.Statement> = fc.oneof(
    fc.record({ names: fc.array(nameArb, { minLength: 1, maxLength: 3 }), values: fc.array(e, { maxLength: 2 }) })
      .map(({ names, values }): A.Statement => ({ kind: 'Local', ...L, names, values })),
    fc.record({ name: nameArb, func: funcArb(false) }).map(({ name, func }): A.Statement => ({ kind: 'LocalFunction', ...L, name, func })),
    fc.record({ path: fc.array(nameArb, { minLength: 1, maxLength: 3 }), method: fc.option(nameArb, { nil: undefined }) })
      .chain(({ path, method }) => funcArb(method !== undefined).map((func): A.Statement => {
        const s: A.FunctionDecl = { kind: 'FunctionDecl', ...L, path, func };
        if (method !== undefined) s.method = method;
        return s;
      })),
    fc.record({ targets: fc.array(fc.oneof(nameArb.map((name): A.Name => ({ kind: 'Name', ...L, name })), indexArb), { minLength: 1, maxLength: 3 }), values: exprs1 })
      .map(({ targets, values }): A.Statement => ({ kind: 'Assign', ...L, targets, values, eqLine: 0 })),
    callArb.map((call): A.Statement => ({ kind: 'CallStatement', ...L, call })),
    b.map((body): A.Statement => ({ kind: 'Do', ...L, body })),
    fc.record({ cond: e, body: loopBlock }).map(({ cond, body }): A.Statement => ({ kind: 'While', ...L, cond, body })),
    fc.record({ cond: e, body: loopBlock }).map(({ cond, body }): A.Statement => ({ kind: 'Repeat', ...L, body, cond, untilLine: 0 })),
    fc.record({ clauses: fc.array(fc.record({ cond: e, body: b }), { minLength: 1, maxLength: 3 }), orelse: fc.option(b, { nil: undefined }) })
      .map(({ clauses, orelse }): A.Statement => {
        const s: A.If = { kind: 'If', ...L, clauses: clauses.map((c) => ({ line: 0, cond: c.cond, thenLine: 0, body: c.body })) };
        if (orelse !== undefined) { s.orelse = orelse; s.elseLine = 0; }
        return s;
      }),
    fc.record({ v: nameArb, start: e, limit: e, step: fc.option(e, { nil: undefined }), body: loopBlock })
      .map(({ v, start, limit, step, body }): A.Statement => {
        const s: A.NumericFor = { kind: 'NumericFor', ...L, var: v, start, limit, doLine: 0, body };
        if (step !== undefined) s.step = step;
        return s;
      }),
    fc.record({ names: fc.array(nameArb, { minLength: 1, maxLength: 3 }), exprs: exprs1, body: loopBlock })
      .map(({ names, exprs, body }): A.Statement => ({ kind: 'GenericFor', ...L, names, exprs, doLine: 0, body })),
  );
  const lastStat: fc.Arbitrary<A.Statement | undefined> = fc.oneof(
    fc.constant(undefined),
    fc.array(e, { maxLength: 2 }).map((values): A.Statement => ({ kind: 'Return', ...L, values })),
    ...(ctx.loop ? [fc.constant<A.Statement>({ kind: 'Break', ...L })] : []),
  );
  const block = fc.record({ body: fc.array(stat, { maxLength: 3 }), last: lastStat })
    .map(({ body, last }): A.Block => ({ kind: 'Block', ...L, body: last === undefined ? body : [...body, last] }));
  return { expr, block };
}

export const chunkArb: fc.Arbitrary<A.Chunk> = build(3, { vararg: true, loop: false }).block
  .map((body): A.Chunk => ({ kind: 'Chunk', ...L, body, chunkName: '=gen' }));

const LINE_FIELDS = new Set([
  'line', 'lastLine', 'argsLine', 'opLine', 'eqLine', 'thenLine', 'doLine', 'untilLine', 'elseLine', 'methodLine', 'chunkName',
]);

/** A deep copy without line fields (and chunk names), for comparing ASTs modulo lines. */
export function stripLines(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripLines);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!LINE_FIELDS.has(k)) out[k] = stripLines(x);
    return out;
  }
  return v;
}
