import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, printChunk } from '@valua/parser';
import type * as A from '@valua/parser';
import { chunkArb, stripLines } from './support/ast-arbitrary.js';

// Lua 5.1 priorities [left, right]; an independent statement of when an
// operand needs parentheses, used to make generated ASTs canonical (a parsed
// AST has a Paren node wherever the source needed parentheses).
const PRIO: Record<string, [number, number]> = {
  '+': [6, 6], '-': [6, 6], '*': [7, 7], '/': [7, 7], '%': [7, 7], '^': [10, 9], '..': [5, 4],
  '==': [3, 3], '~=': [3, 3], '<': [3, 3], '<=': [3, 3], '>': [3, 3], '>=': [3, 3], and: [2, 2], or: [1, 1],
};
function paren(e: A.Expression): A.Expression {
  return { kind: 'Paren', line: 0, lastLine: 0, expr: e };
}
function canon<T>(v: T): T {
  if (Array.isArray(v)) return v.map(canon) as T;
  if (v === null || typeof v !== 'object') return v;
  const o: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) o[k] = canon(x);
  const n = o as unknown as A.Expression;
  if (n.kind === 'Binary') {
    const [l, r] = PRIO[n.op] as [number, number];
    const left = n.left, right = n.right;
    if ((left.kind === 'Binary' && l > (PRIO[left.op] as [number, number])[1]) || (left.kind === 'Unary' && l > 8)) n.left = paren(left);
    if (right.kind === 'Binary' && (PRIO[right.op] as [number, number])[0] <= r) n.right = paren(right);
  } else if (n.kind === 'Unary') {
    if (n.operand.kind === 'Binary' && n.operand.op !== '^') n.operand = paren(n.operand);
  }
  return o as T;
}

describe('printChunk', () => {
  it('prints generated ASTs to source that parses back to the same AST', () => {
    fc.assert(fc.property(chunkArb, (ast) => {
      const c = canon(ast);
      const src = printChunk(c);
      expect(stripLines(parse(src, '=printed'))).toEqual(stripLines(c));
    }), { numRuns: 300 });
  });

  const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
  it.each(readdirSync(dir).filter((f) => f.endsWith('.lua')))('round-trips the golden file %s', (f) => {
    const ast = parse(readFileSync(join(dir, f), 'latin1'), '@' + f);
    expect(stripLines(parse(printChunk(ast), '@' + f))).toEqual(stripLines(ast));
  });

  it('adds parentheses a hand-built AST needs', () => {
    const n = (v: number): A.NumberLiteral => ({ kind: 'Number', line: 0, lastLine: 0, value: v, raw: String(v) });
    const bin = (op: A.BinaryOp, left: A.Expression, right: A.Expression): A.Binary =>
      ({ kind: 'Binary', line: 0, lastLine: 0, op, left, right, opLine: 0 });
    const neg = (e: A.Expression): A.Unary => ({ kind: 'Unary', line: 0, lastLine: 0, op: '-', operand: e });
    const ret = (e: A.Expression): A.Chunk => ({
      kind: 'Chunk', line: 0, lastLine: 0, chunkName: '=t',
      body: { kind: 'Block', line: 0, lastLine: 0, body: [{ kind: 'Return', line: 0, lastLine: 0, values: [e] }] },
    });
    expect(printChunk(ret(bin('*', bin('+', n(1), n(2)), n(3))))).toBe('return (1 + 2) * 3;\n');
    expect(printChunk(ret(bin('^', neg(n(2)), n(2))))).toBe('return (- 2) ^ 2;\n');
    expect(printChunk(ret(bin('^', bin('^', n(2), n(3)), n(2))))).toBe('return (2 ^ 3) ^ 2;\n');
    expect(printChunk(ret(bin('..', n(1), bin('..', n(2), n(3)))))).toBe('return 1 .. 2 .. 3;\n');
    expect(printChunk(ret(bin('-', n(1), bin('-', n(2), n(3)))))).toBe('return 1 - (2 - 3);\n');
  });
});
