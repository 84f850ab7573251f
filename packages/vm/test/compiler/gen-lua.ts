// Test helpers for the compiler: normaliseListing, and a random generator of syntactically valid Lua 5.1 chunks, for the
// property test that compares our listings with luac5.1's. Programs are
// built from a seed (so a failure prints a reproducible program), cover
// every statement and expression form, and are formatted "normally" (line
// breaks only after operators, commas and opening brackets), which is where
// our line info promises to equal luac's.

import { Rng } from '../support/rng.js';

interface Ctx {
  locals: string[];
  vararg: boolean;
  inLoop: boolean;
  depth: number;
  indent: string;
}

const GLOBALS = ['x', 'y', 'print', 't', 'f'];
const NUMBERS = ['0', '1', '2', '3', '10', '0.5', '1e3', '255', '1e300', '0x10', '-0', '3.25', '100000'];
const STRINGS = ['"a"', '"b"', "'str'", '"\\n\\0x"', '""', '[[long]]', '"k"'];
/** Double-quoted only: the AST keeps no delimiters, and errors quote the token. */
const PLAIN_STRINGS = ['"a"', '"b"', '"\\n\\0x"', '""', '"k"'];
const BINOPS = ['+', '-', '*', '/', '%', '^', '..', '==', '~=', '<', '<=', '>', '>=', 'and', 'or'];
const UNOPS = ['-', '- ', 'not ', '#'];

export class LuaGen {
  private r: Rng;
  private localCount = 0;
  /** Only `f(...)` calls, ',' separators, no trailing separator, and
   *  double-quoted strings: forms whose tokens the AST records exactly (it
   *  doesn't keep `f{...}` vs `f({...})`, ',' vs ';', or string delimiters). */
  private readonly plain: boolean;
  constructor(seed: number, options: { plain?: boolean } = {}) {
    this.r = new Rng(seed);
    this.plain = options.plain === true;
  }

  /** One expression in the main function's context (locals a, b, c declared by the caller). */
  expression(depth: number): string {
    return this.expr({ locals: ['a', 'b', 'c'], vararg: true, inLoop: false, depth: 0, indent: '' }, depth);
  }

  chunk(): string {
    const ctx: Ctx = { locals: [], vararg: true, inLoop: false, depth: 0, indent: '' };
    return this.block(ctx, 1 + this.r.int(5)) + '\n';
  }

  private nl(ctx: Ctx): string {
    // an optional line break, only where the parser records the previous token's line
    return this.r.chance(0.12) ? '\n' + ctx.indent + '  ' : ' ';
  }

  private freshLocal(): string {
    return this.r.chance(0.3) ? this.r.pick(['a', 'b', 'c']) : `l${this.localCount++}`;
  }

  private name(ctx: Ctx): string {
    if (ctx.locals.length > 0 && this.r.chance(0.6)) return this.r.pick(ctx.locals);
    return this.r.pick(GLOBALS);
  }

  expr(ctx: Ctx, depth: number): string {
    const r = this.r;
    if (depth <= 0) return this.simple(ctx);
    switch (r.int(12)) {
      case 0: case 1: case 2: {
        const op = r.pick(BINOPS);
        return `${this.expr(ctx, depth - 1)} ${op}${this.nl(ctx)}${this.expr(ctx, depth - 1)}`;
      }
      case 3: {
        // '-' right before '-0' would start a comment
        const operand = this.expr(ctx, depth - 1);
        const op = r.pick(UNOPS);
        return `${op === '-' && operand.startsWith('-') ? '- ' : op}${operand}`;
      }
      case 4: return `(${this.expr(ctx, depth - 1)})`;
      case 5: return this.call(ctx, depth - 1);
      case 6: return this.table(ctx, depth - 1);
      case 7: return this.funcExpr(ctx);
      case 8: return `${this.prefix(ctx, depth - 1)}.${r.pick(['k', 'x', 'y'])}`;
      case 9: return `${this.prefix(ctx, depth - 1)}[ ${this.expr(ctx, depth - 1)} ]`;
      default: return this.simple(ctx);
    }
  }

  private simple(ctx: Ctx): string {
    const r = this.r;
    switch (r.int(8)) {
      case 0: return r.pick(NUMBERS);
      case 1: return r.pick(this.plain ? PLAIN_STRINGS : STRINGS);
      case 2: return r.pick(['nil', 'true', 'false']);
      case 3: return ctx.vararg ? '...' : 'nil';
      default: return this.name(ctx);
    }
  }

  /** A prefix expression: name, parenthesised expr, call or index. */
  private prefix(ctx: Ctx, depth: number): string {
    switch (depth <= 0 ? 0 : this.r.int(4)) {
      case 0: return this.name(ctx);
      case 1: return `(${this.expr(ctx, depth - 1)})`;
      case 2: return this.call(ctx, depth - 1);
      default: return `${this.prefix(ctx, depth - 1)}.${this.r.pick(['k', 'x'])}`;
    }
  }

  private args(ctx: Ctx, depth: number): string {
    const n = this.r.int(4);
    const xs: string[] = [];
    for (let i = 0; i < n; i++) xs.push(this.expr(ctx, depth));
    return xs.join(',' + this.nl(ctx));
  }

  private call(ctx: Ctx, depth: number): string {
    const r = this.r;
    const callee = this.callee(ctx, depth);
    switch (this.plain ? 2 + r.int(4) : r.int(6)) {
      case 0: return `${callee} ${r.pick(STRINGS)}`;
      case 1: return `${callee}${this.table(ctx, depth)}`;
      case 2: return `${callee}:${r.pick(['m', 'n'])}(${this.args(ctx, depth)})`;
      default: return `${callee}(${this.args(ctx, depth)})`;
    }
  }

  /** Callees never start with '(' at statement level (ambiguous syntax). */
  private callee(ctx: Ctx, depth: number): string {
    if (depth > 0 && this.r.chance(0.3)) return `${this.name(ctx)}.${this.r.pick(['k', 'x'])}`;
    return this.name(ctx);
  }

  private table(ctx: Ctx, depth: number): string {
    const r = this.r;
    const n = r.chance(0.03) ? 45 + r.int(20) : r.int(4);
    const items: string[] = [];
    for (let i = 0; i < n; i++) {
      switch (r.int(4)) {
        case 0: items.push(`${r.pick(['k', 'x', 'y', 'z'])} = ${this.expr(ctx, depth)}`); break;
        case 1: items.push(`[ ${this.expr(ctx, depth)} ] = ${this.expr(ctx, depth)}`); break;
        default: items.push(n > 20 ? r.pick(NUMBERS) : this.expr(ctx, depth - 1));
      }
    }
    return `{${items.join((this.plain ? ',' : r.pick([',', ';'])) + this.nl(ctx))}${n > 0 && !this.plain && r.chance(0.2) ? ',' : ''}}`;
  }

  private funcExpr(ctx: Ctx): string {
    const params = this.params();
    const inner: Ctx = {
      locals: [...ctx.locals, ...params.names], vararg: params.vararg, inLoop: false,
      depth: ctx.depth + 1, indent: ctx.indent + '  ',
    };
    if (ctx.depth > 2) return `function(${params.text}) end`;
    return `function(${params.text})\n${this.block(inner, this.r.int(4))}\n${ctx.indent}end`;
  }

  private params(): { names: string[]; vararg: boolean; text: string } {
    const names: string[] = [];
    const n = this.r.int(3);
    for (let i = 0; i < n; i++) names.push(`p${i}`);
    const vararg = this.r.chance(0.4);
    return { names, vararg, text: [...names, ...(vararg ? ['...'] : [])].join(', ') };
  }

  block(ctx: Ctx, n: number): string {
    const lines: string[] = [];
    const saved = ctx.locals;
    ctx.locals = [...ctx.locals];
    for (let i = 0; i < n; i++) lines.push(ctx.indent + this.statement(ctx));
    const r = this.r;
    if (r.chance(0.25)) {
      if (ctx.inLoop && r.chance(0.5)) lines.push(ctx.indent + 'break');
      else lines.push(ctx.indent + (r.chance(0.3) ? 'return' : `return${this.nl(ctx)}${this.args(ctx, 2) || this.expr(ctx, 1)}`));
    }
    ctx.locals = saved;
    return lines.join('\n');
  }

  private sub(ctx: Ctx, inLoop: boolean, extra: string[] = []): string {
    const inner: Ctx = { ...ctx, locals: [...ctx.locals, ...extra], inLoop, indent: ctx.indent + '  ' };
    const n = ctx.depth > 1 ? this.r.int(2) : this.r.int(4);
    return this.block({ ...inner, depth: ctx.depth + 1 }, n);
  }

  private target(ctx: Ctx): string {
    switch (this.r.int(4)) {
      case 0: return `${this.callee(ctx, 1)}.${this.r.pick(['k', 'x'])}`;
      case 1: return `${this.callee(ctx, 1)}[ ${this.expr(ctx, 1)} ]`;
      default: return this.name(ctx);
    }
  }

  statement(ctx: Ctx): string {
    const r = this.r;
    const d = ctx.depth > 1 ? 1 : 2;
    switch (r.int(16)) {
      case 0: case 1: {
        const n = 1 + r.int(3);
        const names: string[] = [];
        for (let i = 0; i < n; i++) names.push(this.freshLocal());
        const vals = r.chance(0.2) ? '' : ` =${this.nl(ctx)}${this.args(ctx, d) || this.expr(ctx, d)}`;
        ctx.locals.push(...names);
        return `local ${names.join(', ')}${vals}`;
      }
      case 2: case 3: {
        const n = 1 + r.int(3);
        const ts: string[] = [];
        for (let i = 0; i < n; i++) ts.push(this.target(ctx));
        return `${ts.join(', ')} =${this.nl(ctx)}${this.args(ctx, d) || this.expr(ctx, d)}`;
      }
      case 4: case 5: return this.call(ctx, d);
      case 6: {
        let s = `if ${this.expr(ctx, d)}${this.nl(ctx)}then\n${this.sub(ctx, ctx.inLoop)}`;
        const n = r.int(3);
        for (let i = 0; i < n; i++) s += `\n${ctx.indent}elseif ${this.expr(ctx, d)} then\n${this.sub(ctx, ctx.inLoop)}`;
        if (r.chance(0.5)) s += `\n${ctx.indent}else\n${this.sub(ctx, ctx.inLoop)}`;
        return s + `\n${ctx.indent}end`;
      }
      case 7: return `while ${this.expr(ctx, d)} do\n${this.sub(ctx, true)}\n${ctx.indent}end`;
      case 8: {
        const v = this.freshLocal();
        const step = r.chance(0.4) ? `, ${this.expr(ctx, 1)}` : '';
        return `for ${v} = ${this.expr(ctx, 1)}, ${this.expr(ctx, 1)}${step}${this.nl(ctx)}do\n${this.sub(ctx, true, [v])}\n${ctx.indent}end`;
      }
      case 9: {
        const names = [this.freshLocal()];
        if (r.chance(0.6)) names.push(this.freshLocal());
        return `for ${names.join(', ')} in ${this.args(ctx, 1) || this.name(ctx)}${this.nl(ctx)}do\n${this.sub(ctx, true, names)}\n${ctx.indent}end`;
      }
      case 10: {
        // the condition sees the body's locals
        const inner: Ctx = { ...ctx, locals: [...ctx.locals], inLoop: true, indent: ctx.indent + '  ', depth: ctx.depth + 1 };
        const body: string[] = [];
        const n = r.int(3);
        for (let i = 0; i < n; i++) body.push(inner.indent + this.statement(inner));
        if (r.chance(0.2)) body.push(inner.indent + 'break');
        return `repeat\n${body.join('\n')}\n${ctx.indent}until ${this.expr(inner, 1)}`;
      }
      case 11: return `do\n${this.sub(ctx, ctx.inLoop)}\n${ctx.indent}end`;
      case 12: {
        const name = this.freshLocal();
        ctx.locals.push(name);
        return `local function ${name}${this.funcExpr(ctx).slice('function'.length)}`;
      }
      case 13: {
        const path = [r.pick(['x', 't', 'gf']), ...(r.chance(0.4) ? ['k'] : [])].join('.');
        const method = r.chance(0.3) ? ':m' : '';
        const fe = method === '' ? this.funcExpr(ctx) : this.funcExpr({ ...ctx, locals: [...ctx.locals, 'self'] });
        return `function ${path}${method}${fe.slice('function'.length)}`;
      }
      default: return this.call(ctx, d);
    }
  }
}

/** Same normalisation as scripts/record-listings.mjs: addresses -> 0x#N by first appearance. */
export function normaliseListing(text: string): string {
  const seen = new Map<string, string>();
  return text.replace(/0x[0-9a-f]+/g, (a) => {
    if (!seen.has(a)) seen.set(a, `0x#${seen.size + 1}`);
    return seen.get(a)!;
  });
}
