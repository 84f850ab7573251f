// Random Lua 5.1 programs for the differential property test: numbers
// (integers, fractions, -0, huge, inf, nan), strings (numeric ones too),
// booleans, nil, tables and closures, combined with arithmetic, comparison,
// concatenation, and/or/not, length, indexing, calls, if, numeric for and
// bounded while loops. Programs may fail at run time (that is half the
// point: error texts and variable names are compared too) but always end:
// loops are bounded and the closure never calls itself. String growth is
// bounded: inside loops and the closure an assignment never concatenates a
// variable, so a variable's length grows at most 8x per top-level statement.

import { Rng } from '../support/rng.js';

const NUMBERS = ['0', '1', '2', '3', '7', '10', '-1', '-3', '0.5', '-0.25', '1.5', '1e15', '2^53', '(1/0)', '(-1/0)', '(0/0)', '(-0)', '100', '255', '0x10', '1e-3', '3.14159', '12345.678'];
const NUMERIC_STRINGS = ['"10"', '" 5 "', '"0x1F"', '"1e2"', '"-3"', '"2.5"'];
const STRINGS = ['""', '"a"', '"abc"', '"x y"', "'nan'", '"\\0z"', '"\\255"', ...NUMERIC_STRINGS];
/**
 * `^` is left out while a known deviation is open (pinned by the skip-listed
 * corpus case arith/nan-sign.lua: NaN signs from pow differ from glibc's, and
 * through concatenation they leak into string lengths, which the test's
 * "-nan" folding cannot hide). Put it back when that case leaves the skip
 * list; VALUA_PROPERTY_POW=1 includes it now.
 */
const ARITH = process.env.VALUA_PROPERTY_POW === '1' ? ['+', '-', '*', '/', '%', '^'] : ['+', '-', '*', '/', '%'];
const COMPARE = ['==', '~=', '<', '<=', '>', '>='];

/** Intended type of an expression: number, string, boolean, anything. */
type Ty = 'n' | 's' | 'b' | 'a';

interface Scope {
  /** Variables by intended type (a Lua program may still change them). */
  nums: readonly string[];
  strs: readonly string[];
  anys: readonly string[];
  /** Whether the table t is in scope. */
  hasTable: boolean;
  /** Whether `f(...)` may be called (false inside f itself: no recursion). */
  canCall: boolean;
  /** Whether string variables may be concatenated (false where it could repeat). */
  growthOk: boolean;
}

/** How often an operand of the wrong type is put in on purpose (error paths). */
const WRONG = 0.04;

/** A scope where a statement may run repeatedly: no variable that can hold a string is read. */
function repeated(sc: Scope, extraNums: readonly string[] = []): Scope {
  return { ...sc, nums: [...sc.nums, ...extraNums], anys: sc.anys.filter((v) => v !== 'b' && v !== 'c' && v !== 'q'), growthOk: false };
}

function expr(r: Rng, sc: Scope, ty: Ty, depth: number): string {
  if (depth > 0 && r.chance(WRONG)) ty = r.pick(['n', 's', 'b', 'a'] as const);
  const sub = (t: Ty): string => expr(r, sc, t, depth - 1);
  const leaf = depth <= 0 || r.chance(0.3);
  switch (ty) {
    case 'n':
      if (leaf) {
        const k = r.int(10);
        if (k < 4 || sc.nums.length === 0) return r.pick(NUMBERS);
        if (k < 8) return r.pick(sc.nums);
        if (k < 9) return sc.hasTable ? r.pick(['t.x', 't[1]', '#t']) : r.pick(NUMBERS);
        return r.pick(NUMERIC_STRINGS);
      }
      switch (r.int(8)) {
        case 0: case 1: case 2:
          return `(${sub('n')} ${r.pick(ARITH)} ${sub('n')})`;
        case 3:
          return `(- ${sub('n')})`; // the space keeps `- -1` from becoming a comment
        case 4:
          return `#${sc.growthOk || r.chance(0.5) ? sub('s') : r.pick(STRINGS)}`;
        case 5:
          return `(${sub('b')} and ${sub('n')} or ${sub('n')})`;
        case 6:
          if (!sc.canCall) return `(${sub('n')})`;
          // f is always defined; t.g only after a loop stored a closure there (else a call error).
          return r.chance(0.7) ? `f(${sub('n')}, ${sub('s')})` : `t.g(${sub('n')})`;
        default:
          return `(${sub('n')})`;
      }
    case 's': {
      if (leaf) return sc.growthOk && sc.strs.length > 0 && r.chance(0.5) ? r.pick(sc.strs) : r.pick(STRINGS);
      switch (r.int(5)) {
        case 0: case 1:
          return `(${sub('s')} .. ${sub('s')})`;
        case 2:
          return `(${sub('n')} .. ${sub('s')})`;
        case 3:
          return `(${sub('s')} .. ${sub('n')})`;
        default:
          return `(${sub('b')} and ${sub('s')} or ${sub('s')})`;
      }
    }
    case 'b':
      if (leaf) return r.pick(['true', 'false']);
      switch (r.int(6)) {
        case 0: case 1:
          return `(${sub('n')} ${r.pick(COMPARE)} ${sub('n')})`;
        case 2:
          return `(${sub('s')} ${r.pick(COMPARE)} ${sub('s')})`;
        case 3:
          return `(not ${sub('a')})`;
        case 4:
          return `(${sub('a')} ${r.pick(['==', '~='])} ${sub('a')})`;
        default:
          return `(${sub('b')} ${r.pick(['and', 'or'])} ${sub('b')})`;
      }
    default:
      switch (r.int(9)) {
        case 0: case 1:
          return sub('n');
        case 2:
          return sub('s');
        case 3:
          return sub('b');
        case 4:
          return r.pick(sc.anys);
        case 5:
          return 'nil';
        case 6:
          return sc.hasTable ? `t[${sub('n')}]` : 'nil';
        case 7:
          return r.chance(0.7) || !sc.canCall ? `{${sub('a')}, ${sub('n')}, x = ${sub('n')}}` : `t:m(${sub('a')})`;
        default:
          return `(${sub('a')} ${r.pick(['and', 'or'])} ${sub('a')})`;
      }
  }
}

function stat(r: Rng, sc: Scope, loops: boolean, indent: string): string {
  const k = r.int(loops ? 10 : 7);
  switch (k) {
    case 0:
    case 1:
      return `${indent}${r.pick(sc.nums)} = ${expr(r, sc, 'n', 3)}`;
    case 2:
      return `${indent}${r.pick(sc.strs)} = ${expr(r, sc, 's', 3)}`;
    case 3:
      return `${indent}c = ${expr(r, sc, 'a', 3)}`;
    case 4:
      return r.chance(0.5) ? `${indent}t[${expr(r, sc, 'n', 2)}] = ${expr(r, sc, 'a', 2)}` : `${indent}t.x = ${expr(r, sc, 'n', 2)}`;
    case 5:
      return `${indent}${r.pick(sc.nums)}, c = ${expr(r, sc, 'n', 2)}, ${expr(r, sc, 'a', 2)}`;
    case 6:
      return `${indent}if ${expr(r, sc, 'b', 3)} then\n${stat(r, sc, false, indent + '  ')}\n${indent}else\n${stat(r, sc, false, indent + '  ')}\n${indent}end`;
    case 7:
    case 8: {
      const from = r.pick(['1', '0', '-1', '2', '"1"', '0.5']);
      const to = r.pick(['1', '2', '3', '0', '2.5', '"3"']);
      const step = r.pick(['', '', ', 1', ', -1', ', 0.5', ', 2']);
      const inner = repeated(sc, ['i']);
      // Sometimes the body stores a closure over the loop variable (a fresh upvalue per iteration).
      const body = r.chance(0.25)
        ? `${indent}  t.g = function(x) return ${expr(r, { ...inner, nums: ['x', 'i'], canCall: false }, 'n', 2)} end`
        : stat(r, inner, false, indent + '  ');
      return `${indent}for i = ${from}, ${to}${step} do\n${body}\n${indent}end`;
    }
    default: {
      const inner = repeated(sc);
      return `${indent}do\n${indent}  local n = 0\n${indent}  while n < ${1 + r.int(3)} and ${expr(r, inner, 'b', 2)} do\n${indent}    n = n + 1\n${stat(r, inner, false, indent + '    ')}\n${indent}  end\n${indent}end`;
    }
  }
}

/** One program: locals a (number), b (string), c (anything), table t, closure f; returns a, b and one more value. */
export function genProgram(seed: number): string {
  const r = new Rng(seed);
  const none: Scope = { nums: [], strs: [], anys: ['nil'], hasTable: false, canCall: false, growthOk: false };
  const inF: Scope = { nums: ['a', 'p'], strs: ['b', 'q'], anys: ['t', 'p'], hasTable: true, canCall: false, growthOk: false };
  const top: Scope = { nums: ['a'], strs: ['b'], anys: ['c', 't', 'f', 'a', 'b'], hasTable: true, canCall: true, growthOk: true };
  const lines: string[] = [];
  lines.push(`local a, b, c = ${expr(r, none, 'n', 2)}, ${expr(r, none, 's', 2)}, ${expr(r, none, 'a', 1)}`);
  lines.push(`local t = {${expr(r, none, 'n', 1)}, ${expr(r, none, 'a', 1)}, x = ${expr(r, none, 'n', 1)}}`);
  // A method reached through __index, returning its argument combined with a field.
  lines.push(`setmetatable(t, {__index = {m = function(self, v) return ${r.pick(['v', 'self.x', '(v and self.x)', '(self[1] or v)', 'rawget(self, "x")'])} end}})`);
  const fBody: string[] = [];
  const nf = r.int(3);
  for (let i = 0; i < nf; i++) fBody.push(stat(r, inF, false, '  '));
  lines.push(`local function f(p, q)\n${fBody.join('\n')}${fBody.length ? '\n' : ''}  return ${expr(r, inF, 'n', 3)}\nend`);
  const n = 2 + r.int(5);
  for (let i = 0; i < n; i++) lines.push(stat(r, top, true, ''));
  lines.push(`return a, b, ${expr(r, top, 'a', 3)}`);
  return lines.join('\n') + '\n';
}

/** A Lua string literal for any bytes (decimal escapes for everything unusual). */
export function luaQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 92) out += '\\' + s[i];
    else if (c === 10) out += '\\n';
    else if (c < 32 || c > 126) out += '\\' + String(c).padStart(3, '0');
    else out += s[i];
  }
  return out + '"';
}

/**
 * One Lua file that runs every program through loadstring + pcall and prints
 * "== <n>" then the results (tables, functions and threads by type name only,
 * since addresses differ between engines).
 */
export function driver(programs: readonly string[]): string {
  return (
    'local progs = {\n' +
    programs.map((p) => luaQuote(p)).join(',\n') +
    '\n}\n' +
    'local function show(v)\n' +
    '  local ty = type(v)\n' +
    '  if ty == "table" or ty == "function" or ty == "thread" or ty == "userdata" then return ty end\n' +
    '  return tostring(v)\n' +
    'end\n' +
    'local function pack(...) return select("#", ...), {...} end\n' +
    'for i = 1, #progs do\n' +
    '  local f, err = loadstring(progs[i], "=prog")\n' +
    '  if not f then print("== " .. i .. " syntax error: " .. err)\n' +
    '  else\n' +
    '    local n, res = pack(pcall(f))\n' +
    '    local line = "== " .. i\n' +
    '    for j = 1, n do line = line .. "\\t" .. show(res[j]) end\n' +
    '    print(line)\n' +
    '  end\n' +
    'end\n'
  );
}
