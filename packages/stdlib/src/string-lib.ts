// The string library (lstrlib.c of Lua 5.1.5): byte, char, dump, find,
// format, gmatch, gfind, gsub, len, lower, match, rep, reverse, sub, upper,
// and the string metatable whose __index is this table.
//
// Invariants: strings stay byte strings (one code unit per byte, C locale:
// only ASCII letters change case); errors raised by the engines
// (PatternError, FormatError) become luaL_error texts with the caller's
// position prefix.

import {
  LuaClosure, LuaHostFunction, LuaTable, dumpProto, numberToString, toInteger, typeNameOf,
  type LibTable, type LuaState, type LuaValue,
} from '@valua/vm';
import {
  MatchState, PatternError, expandReplacement, findMatch, gmatchNext, gsubLoop, hasSpecials, posRelat,
} from './pattern.js';
import { chargeWork } from './budget.js';
import {
  FLAG_MINUS, FormatError, cutAtNul, formatChar, formatDouble, formatInteger, formatString, quoteString, scanFormat,
  type FormatSpec,
} from './format.js';
import { TextCache } from './text-cache.js';

/** LUAI_MAXCSTACK: how many values a host function may push (luaL_checkstack). */
const MAX_C_STACK = 8000;

/** luaL_checkint: the C int of luaL_checkinteger (wraps modulo 2^32 as gcc does). */
export function checkInt(L: LuaState, n: number): number {
  return toInteger(L.checkNumber(n)) | 0;
}

/** luaL_optint. */
export function optInt(L: LuaState, n: number, def: number): number {
  return L.arg(n) === undefined ? def : checkInt(L, n);
}

/** A matcher that charges its work to the budget of the state using it. */
class LibMatcher extends MatchState {
  owner: LuaState | undefined = undefined;
  constructor() {
    super();
    this.onWork = () => chargeWork(this.owner!);
  }
}

// find, match and gsub take matchers from a pool (no allocation per call).
// A gsub callback, an __index metamethod or a budget hook can run Lua that
// matches again while a matcher is in use: a matcher in use is out of the
// pool, so nested calls get their own.
const freeMatchers: LibMatcher[] = [];

/** A matcher charging L's budget; releaseMatcher() after use. */
function acquireMatcher(L: LuaState): LibMatcher {
  const ms = freeMatchers.pop() ?? new LibMatcher();
  ms.owner = L;
  return ms;
}

function releaseMatcher(ms: LibMatcher): void {
  ms.owner = undefined;
  if (freeMatchers.length < 8) freeMatchers.push(ms);
}

function patternError(L: LuaState, e: unknown): unknown {
  if (e instanceof PatternError) return L.error(e.message);
  return e;
}

/** push_captures: the captures of match [s, e) (the whole match when there are none). */
function pushCaptures(L: LuaState, ms: MatchState, s: number, e: number, wholeMatch: boolean): number {
  const n = ms.level === 0 && wholeMatch ? 1 : ms.level; // captureCount
  const stack = L.stack;
  for (let i = 0; i < n; i++) stack[L.top++] = ms.getCapture(i, s, e);
  return n;
}

// Hot functions read their arguments straight from the stack when they
// have the common types (a string, numbers); anything else goes through the
// LuaState checks, which raise lua5.1's errors and convert numbers and
// numeric strings. Both paths compute the same results: a number argument
// x is luaL_checkinteger's toInteger(x) either way.

/** Argument n (1-based) of a host call, or undefined when absent. */
function argAt(L: LuaState, base: number, nargs: number, n: number): LuaValue {
  return n <= nargs ? L.stack[base + n - 1] : undefined;
}

/** luaL_checkstring, reading a string argument directly. */
function stringArg(L: LuaState, base: number, nargs: number, n: number): string {
  const v = argAt(L, base, nargs, n);
  return typeof v === 'string' ? v : L.checkString(n);
}

/** luaL_optinteger, reading a number argument directly. */
function optIntegerArg(L: LuaState, base: number, nargs: number, n: number, def: number): number {
  const v = argAt(L, base, nargs, n);
  if (typeof v === 'number') return toInteger(v);
  return v === undefined ? def : L.checkInteger(n);
}

function strLen(L: LuaState, base: number, nargs: number): number {
  L.push(stringArg(L, base, nargs, 1).length);
  return 1;
}

function strSub(L: LuaState, base: number, nargs: number): number {
  const stack = L.stack;
  const s = stack[base];
  const i = stack[base + 1];
  const j = nargs >= 3 ? stack[base + 2] : undefined;
  if (nargs >= 2 && typeof s === 'string' && typeof i === 'number' && (i | 0) === i
    && (j === undefined || (typeof j === 'number' && (j | 0) === j))) {
    // C-int positions: posrelat and the clamps without the checks' calls.
    const l = s.length;
    let start = i < 0 ? i + l + 1 : i;
    if (start < 1) start = 1;
    let end = j === undefined ? l : j < 0 ? j + l + 1 : j;
    if (end > l) end = l;
    stack[L.top++] = start <= end ? s.substring(start - 1, end) : '';
    return 1;
  }
  return strSubChecked(L, base, nargs);
}

function strSubChecked(L: LuaState, base: number, nargs: number): number {
  const s = stringArg(L, base, nargs, 1);
  const l = s.length;
  const i = argAt(L, base, nargs, 2);
  let start = posRelat(typeof i === 'number' ? toInteger(i) : L.checkInteger(2), l);
  let end = posRelat(optIntegerArg(L, base, nargs, 3, -1), l);
  if (start < 1) start = 1;
  if (end > l) end = l;
  L.push(start <= end ? s.substring(start - 1, end) : '');
  return 1;
}

function strReverse(L: LuaState): number {
  const s = L.checkString(1);
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  L.push(out);
  return 1;
}

// Only A-Z / a-z change (C locale). JS case mapping is exact on ASCII but
// touches bytes >= 128 (0xFF would become U+0178, 0xDF "SS"), so strings
// holding such bytes map their ASCII letters one run at a time.
const HIGH_BYTE = /[\x80-\xff]/;

/** Whether s has a byte >= 128 (a loop for short strings, where it beats the regex). */
function hasHighByte(s: string): boolean {
  const n = s.length;
  if (n > 64) return HIGH_BYTE.test(s);
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) >= 128) return true;
  return false;
}

function strLower(L: LuaState, base: number, nargs: number): number {
  const s = stringArg(L, base, nargs, 1);
  L.stack[L.top++] = hasHighByte(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s.toLowerCase();
  return 1;
}

function strUpper(L: LuaState, base: number, nargs: number): number {
  const s = stringArg(L, base, nargs, 1);
  L.stack[L.top++] = hasHighByte(s) ? s.replace(/[a-z]+/g, (m) => m.toUpperCase()) : s.toUpperCase();
  return 1;
}

function strRep(L: LuaState, base: number, nargs: number): number {
  const stack = L.stack;
  const s = stringArg(L, base, nargs, 1);
  // luaL_checkint: a C int, so 2^40 wraps to 0 (lua5.1: string.rep("x", 2^40) is "")
  const c = nargs >= 2 ? stack[base + 1] : undefined;
  const n = typeof c === 'number' ? ((c | 0) === c ? c : toInteger(c) | 0) : checkInt(L, 2);
  // lua5.1 ignores a third argument (no separator in 5.1)
  stack[L.top++] = n <= 0 || s.length === 0 ? '' : n === 1 ? s : s.repeat(n);
  return 1;
}

function strByte(L: LuaState, base: number, nargs: number): number {
  const stack = L.stack;
  const s = stack[base];
  const i = nargs >= 2 ? stack[base + 1] : undefined;
  const j = nargs >= 3 ? stack[base + 2] : undefined;
  if (nargs >= 1 && typeof s === 'string' && (i === undefined || (typeof i === 'number' && (i | 0) === i))
    && (j === undefined || (typeof j === 'number' && (j | 0) === j))) {
    // C-int positions and at most one byte: posrelat and the clamps inline.
    const l = s.length;
    let posi = i === undefined ? 1 : i < 0 ? i + l + 1 : i;
    let pose = j === undefined ? posi : j < 0 ? j + l + 1 : j;
    if (posi < 1) posi = 1;
    if (pose > l) pose = l;
    if (posi > pose) return 0;
    if (posi === pose) {
      stack[L.top++] = s.charCodeAt(posi - 1);
      return 1;
    }
  }
  return strByteChecked(L, base, nargs);
}

function strByteChecked(L: LuaState, base: number, nargs: number): number {
  const s = stringArg(L, base, nargs, 1);
  const l = s.length;
  let posi = posRelat(optIntegerArg(L, base, nargs, 2, 1), l);
  let pose = posRelat(optIntegerArg(L, base, nargs, 3, posi), l);
  if (posi <= 0) posi = 1;
  if (pose > l) pose = l;
  if (posi > pose) return 0; // empty interval: no values
  if (posi === pose) { L.push(s.charCodeAt(posi - 1)); return 1; }
  const n = pose - posi + 1;
  if (n + L.argCount() > MAX_C_STACK) throw L.error('stack overflow (string slice too long)');
  for (let i = 0; i < n; i++) L.push(s.charCodeAt(posi - 1 + i));
  return n;
}

function strChar(L: LuaState): number {
  const n = L.argCount();
  let out = '';
  for (let i = 1; i <= n; i++) {
    const c = checkInt(L, i);
    if (c < 0 || c > 255) throw L.argError(i, 'invalid value');
    out += String.fromCharCode(c);
  }
  L.push(out);
  return 1;
}

function strDump(L: LuaState): number {
  const f = L.checkType(1, 'function');
  if (!(f instanceof LuaClosure)) throw L.error('unable to dump given function'); // a host function
  L.push(dumpProto(f.proto));
  return 1;
}

function findOrMatch(L: LuaState, base: number, nargs: number, find: boolean): number {
  const stack = L.stack;
  const v1 = stack[base];
  const v2 = stack[base + 1];
  const v3 = nargs >= 3 ? stack[base + 2] : undefined;
  // Two strings and an integer or nothing: read inline; else the checks.
  const common = nargs >= 2 && typeof v1 === 'string' && typeof v2 === 'string'
    && (v3 === undefined || (typeof v3 === 'number' && (v3 | 0) === v3));
  const s = common ? v1 : stringArg(L, base, nargs, 1);
  const p = common ? v2 : stringArg(L, base, nargs, 2);
  const init = common ? (v3 === undefined ? 1 : v3) : optIntegerArg(L, base, nargs, 3, 1);
  if (find) {
    const a4 = nargs >= 4 ? stack[base + 3] : undefined;
    if ((a4 !== undefined && a4 !== false) || !hasSpecials(p)) {
      // lmemfind from the clamped init (findMatch's plain case, inlined)
      const l1 = s.length;
      let at = posRelat(init, l1) - 1;
      if (at < 0) at = 0;
      else if (at > l1) at = l1;
      if (p.length > 0) at = s.indexOf(p, at);
      if (at < 0) {
        stack[L.top++] = undefined;
        return 1;
      }
      stack[L.top++] = at + 1;
      stack[L.top++] = at + p.length;
      return 2;
    }
  }
  const ms = acquireMatcher(L);
  try {
    if (!findMatch(ms, s, p, init, false, find)) {
      L.push(undefined);
      return 1;
    }
    if (find) {
      L.push(ms.matchStart + 1);
      L.push(ms.matchEnd);
      return pushCaptures(L, ms, 0, 0, false) + 2;
    }
    return pushCaptures(L, ms, ms.matchStart, ms.matchEnd, true);
  } catch (e) {
    throw patternError(L, e);
  } finally {
    releaseMatcher(ms);
  }
}

function strFind(L: LuaState, base: number, nargs: number): number {
  return findOrMatch(L, base, nargs, true);
}

function strMatch(L: LuaState, base: number, nargs: number): number {
  return findOrMatch(L, base, nargs, false);
}

function strGmatch(L: LuaState, base: number, nargs: number): number {
  const s = stringArg(L, base, nargs, 1);
  const p = stringArg(L, base, nargs, 2);
  let pos = 0;
  // The iterator's own matcher (it lives as long as the iterator), of the
  // pool's class so that the matcher code sees one object shape.
  const ms = new LibMatcher();
  // gmatch_aux keeps (s, p, position) as upvalues; a JS closure does the same.
  const iter = new LuaHostFunction('?', (L2: LuaState): number => {
    if (pos > s.length) return 0;
    ms.owner = L2; // charged for the work: the iterator may run in another coroutine
    try {
      if (!gmatchNext(ms, s, p, pos)) {
        pos = s.length + 1;
        return 0;
      }
      pos = ms.nextPos;
      return pushCaptures(L2, ms, ms.matchStart, ms.matchEnd, true);
    } catch (e) {
      throw patternError(L2, e);
    }
  });
  L.push(iter);
  return 1;
}

/** add_value of str_gsub for one call: the replacement text of a match, by the kind of `repl`. */
class Replacement {
  readonly L: LuaState;
  readonly repl: LuaValue;
  /** The replacement string (a number converted), for REPL_STRING. */
  readonly replStr: string;
  readonly kind: number;

  constructor(L: LuaState, repl: LuaValue, replStr: string, kind: number) {
    this.L = L;
    this.repl = repl;
    this.replStr = replStr;
    this.kind = kind;
  }

  add(m: MatchState, s: number, e: number): string {
    if (this.kind === REPL_STRING) return expandReplacement(m, this.replStr, s, e, numberToString);
    const L = this.L;
    let v: LuaValue;
    if (this.kind === REPL_TABLE) v = L.index(this.repl, m.getCapture(0, s, e));
    else {
      // C API style: function and captures on the stack, one result back
      const func = L.top;
      L.push(this.repl);
      const n = pushCaptures(L, m, s, e, true);
      L.call(n, 1);
      v = L.stack[func];
      L.top = func;
    }
    if (v === undefined || v === false) return m.src.substring(s, e); // keep the original text
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return numberToString(v);
    throw L.error(`invalid replacement value (a ${typeNameOf(v)})`);
  }
}

const REPL_STRING = 0, REPL_TABLE = 1, REPL_FUNCTION = 2;

function strGsub(L: LuaState, base: number, nargs: number): number {
  const stack = L.stack;
  const src = stringArg(L, base, nargs, 1);
  const p = stringArg(L, base, nargs, 2);
  const repl = nargs >= 3 ? stack[base + 2] : undefined;
  const tr = typeof repl;
  const maxN = nargs >= 4 ? optInt(L, 4, src.length + 1) : src.length + 1;
  let kind: number;
  if (tr === 'string' || tr === 'number') kind = REPL_STRING;
  else if (repl instanceof LuaTable) kind = REPL_TABLE;
  else if (tr === 'object' && typeNameOf(repl) === 'function') kind = REPL_FUNCTION;
  else throw L.argError(3, 'string/function/table expected');
  const replStr = tr === 'string' ? (repl as string) : tr === 'number' ? numberToString(repl as number) : '';
  const ms = acquireMatcher(L);
  let out: [string, number];
  try {
    out = gsubLoop(ms, src, p, maxN, new Replacement(L, repl, replStr, kind));
  } catch (e) {
    throw patternError(L, e);
  } finally {
    releaseMatcher(ms);
  }
  stack[L.top++] = out[0];
  stack[L.top++] = out[1];
  return 2;
}

/**
 * A format string split once into its items (formats are usually
 * constants): before item k the literal text lits[k] (with "%%" already
 * folded), then the conversion convs[k] with specs[k]; after the last item
 * the literal `tail`. A spec that scanformat rejects ends the list with its
 * message in `error`, raised when str_format reaches that item (after the
 * item's "no value" check, as lstrlib orders them).
 */
class CompiledFormat {
  readonly lits: string[] = [];
  readonly convs: number[] = [];
  readonly specs: FormatSpec[] = [];
  /** Per item: PLAIN_S / PLAIN_D when strFormat may take its inline path, else 0. */
  readonly kinds: number[] = [];
  tail = '';
  error: string | undefined = undefined;

  constructor(fmt: string) {
    const n = fmt.length;
    let lit = '';
    let i = 0;
    while (i < n) {
      const pct = fmt.indexOf('%', i);
      if (pct < 0) { lit += fmt.substring(i); break; }
      if (pct > i) lit += fmt.substring(i, pct);
      i = pct + 1;
      if (i < n && fmt.charCodeAt(i) === 37) { lit += '%'; i++; continue; }
      this.lits.push(lit);
      lit = '';
      const spec: FormatSpec = { flags: 0, width: 0, precision: -1 };
      let ci: number;
      try {
        ci = scanFormat(fmt, i, spec);
      } catch (e) {
        if (!(e instanceof FormatError)) throw e;
        this.error = e.message;
        this.convs.push(-1);
        this.specs.push(spec);
        this.kinds.push(0);
        return;
      }
      const conv = ci < n ? fmt.charCodeAt(ci) : 0;
      this.convs.push(conv);
      this.specs.push(spec);
      // No precision and no flag but '-': the result is the text padded
      // with spaces to the width (%s, %d and %i).
      const plain = spec.precision < 0 && (spec.flags & ~FLAG_MINUS) === 0;
      this.kinds.push(!plain ? 0 : conv === 115 ? PLAIN_S : conv === 100 || conv === 105 ? PLAIN_D : 0);
      i = ci + 1;
    }
    this.tail = lit;
  }
}

const PLAIN_S = 1, PLAIN_D = 2;

/** SPACES[n] is n spaces, for every fill a width (two digits at most) can ask. */
const SPACES: string[] = [];
for (let n = 0; n < 100; n++) SPACES.push(' '.repeat(n));

/** s padded with spaces to `width` (on the right with the '-' flag), as printf pads. */
function padSpaces(s: string, spec: FormatSpec): string {
  const fill = spec.width - s.length;
  if (fill <= 0) return s;
  const sp = SPACES[fill]!;
  return (spec.flags & FLAG_MINUS) !== 0 ? s + sp : sp + s;
}

/** Recently used formats; longer than 512 bytes: split on every call, not kept. */
const formatCache = new TextCache((fmt) => new CompiledFormat(fmt), 256, 512);

function strFormat(L: LuaState, base: number, nargs: number): number {
  const stack = L.stack;
  const cf = formatCache.get(stringArg(L, base, nargs, 1));
  const { lits, convs, specs, kinds } = cf;
  let out = '';
  for (let k = 0; k < convs.length; k++) {
    out += lits[k]!;
    const arg = k + 2;
    if (arg > nargs) throw L.argError(arg, 'no value');
    const conv = convs[k]!;
    const spec = specs[k]!;
    const v = stack[base + arg - 1];
    const kind = kinds[k]!;
    if (kind === PLAIN_S && typeof v === 'string') {
      // as case 115 below: a long string whole, a short one cut at a NUL and padded
      out += v.length >= 100 ? v : padSpaces(v.indexOf('\0') < 0 ? v : cutAtNul(v), spec);
      continue;
    }
    if (kind === PLAIN_D && typeof v === 'number' && v > -9007199254740992 && v < 9007199254740992) {
      // formatInteger's exact range: (long)v is the truncated double (+ 0: no "-0")
      out += padSpaces(String(Math.trunc(v) + 0), spec);
      continue;
    }
    switch (conv) {
      case 99: // c
        out += cutAtNul(formatChar(spec, typeof v === 'number' ? v : L.checkNumber(arg)));
        break;
      case 100: case 105: case 111: case 117: case 120: case 88: // d i o u x X
        out += formatInteger(conv, spec, typeof v === 'number' ? v : L.checkNumber(arg));
        break;
      case 101: case 69: case 102: case 103: case 71: // e E f g G
        out += formatDouble(conv, spec, typeof v === 'number' ? v : L.checkNumber(arg));
        break;
      case 113: // q
        out += quoteString(typeof v === 'string' ? v : L.checkString(arg));
        break;
      case 115: { // s
        const s = typeof v === 'string' ? v : L.checkString(arg);
        // lstrlib keeps a long string whole when there is no precision
        // (sprintf would need a bigger buffer); otherwise sprintf's %s
        // stops at the first NUL.
        if (spec.precision < 0 && s.length >= 100) out += s;
        else out += formatString(spec, cutAtNul(s));
        break;
      }
      case -1: // scanformat's error
        throw L.error(cf.error!);
      default: {
        // luaL_error's %c of a NUL prints nothing
        const ch = conv === 0 ? '' : String.fromCharCode(conv);
        throw L.error(`invalid option '%${ch}' to 'format'`);
      }
    }
  }
  stack[L.top++] = out + cf.tail;
  return 1;
}

export const stringLib: LibTable = {
  byte: strByte,
  char: strChar,
  dump: strDump,
  find: strFind,
  format: strFormat,
  gfind: strGmatch, // replaced by gmatch's own function in openString
  gmatch: strGmatch,
  gsub: strGsub,
  len: strLen,
  lower: strLower,
  match: strMatch,
  rep: strRep,
  reverse: strReverse,
  sub: strSub,
  upper: strUpper,
};

/**
 * luaopen_string: the library table (strlib[]'s order, gfind in it), then
 * `gfind` set to the very same function as `gmatch` (LUA_COMPAT_GFIND:
 * lua5.1 says string.gfind == string.gmatch), and the string metatable
 * ({__index = string}).
 */
export function openString(L: LuaState): LuaTable {
  const t = L.register('string', stringLib);
  t.setStr('gfind', t.getStr('gmatch'));
  const mt = new LuaTable(0, 1); // createmetatable: lua_createtable(L, 0, 1)
  mt.setStr('__index', t);
  L.g.stringMetatable = mt;
  return t;
}
