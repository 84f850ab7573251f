// Lua 5.1 pattern matching engine (the machinery behind string.find, match,
// gmatch and gsub), independent of the VM so it can be tested on its own.
//
// Invariants:
// - Subject and pattern are byte strings (one byte per code unit). Positions
//   are 0-based indices into them; -1 stands for C's NULL ("no match").
// - The pattern ends at its first NUL byte, as in 5.1 where the matcher walks
//   a C string: lua5.1 `string.match("xa\0b", "a\0b")` returns "a". Reading
//   at or past the end of the pattern yields 0, like C's terminator.
// - Reading the subject at srcLen yields 0 (the terminator Lua strings carry),
//   which `%f` and `%b` observe.
// - Captures live in two preallocated Int32Arrays; matching allocates nothing
//   per character.

import { TextCache } from './text-cache.js';

/** A pattern error; the library turns it into a Lua error with a position. */
export class PatternError extends Error {}

export const MAX_CAPTURES = 32; // LUA_MAXCAPTURES
export const CAP_UNFINISHED = -1;
export const CAP_POSITION = -2;
const L_ESC = 37; // '%'

// C-locale ctype bits for bytes 0..255; bytes >= 128 are in no class.
const ALPHA = 1, DIGIT = 2, LOWER = 4, UPPER = 8, SPACE = 16, PUNCT = 32, CNTRL = 64, XDIGIT = 128;
const CTYPE = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  let f = 0;
  if (c >= 65 && c <= 90) f |= ALPHA | UPPER;
  if (c >= 97 && c <= 122) f |= ALPHA | LOWER;
  if (c >= 48 && c <= 57) f |= DIGIT | XDIGIT;
  if ((c >= 65 && c <= 70) || (c >= 97 && c <= 102)) f |= XDIGIT;
  if ((c >= 9 && c <= 13) || c === 32) f |= SPACE;
  if (c < 32 || c === 127) f |= CNTRL;
  if (c > 32 && c < 127 && !(f & (ALPHA | DIGIT))) f |= PUNCT;
  CTYPE[c] = f;
}

/** True when byte `c` belongs to the class letter `cl` (as in `%a`, `%A`). */
export function matchClass(c: number, cl: number): boolean {
  let res: boolean;
  switch (cl | 0x20) {
    case 97: res = (CTYPE[c]! & ALPHA) !== 0; break; // a
    case 99: res = (CTYPE[c]! & CNTRL) !== 0; break; // c
    case 100: res = (CTYPE[c]! & DIGIT) !== 0; break; // d
    case 108: res = (CTYPE[c]! & LOWER) !== 0; break; // l
    case 112: res = (CTYPE[c]! & PUNCT) !== 0; break; // p
    case 115: res = (CTYPE[c]! & SPACE) !== 0; break; // s
    case 117: res = (CTYPE[c]! & UPPER) !== 0; break; // u
    case 119: res = (CTYPE[c]! & (ALPHA | DIGIT)) !== 0; break; // w
    case 120: res = (CTYPE[c]! & XDIGIT) !== 0; break; // x
    case 122: res = c === 0; break; // z
    default: return cl === c; // not a class letter: the byte itself (`%.`)
  }
  // `cl | 0x20` above mirrors C's tolower only for letters; non-letters never
  // reach here because every case label is a lowercase letter.
  return (CTYPE[cl]! & UPPER) !== 0 ? !res : res;
}

/** True when `s` contains one of lstrlib's SPECIALS before its first NUL. */
export function hasSpecials(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    switch (p.charCodeAt(i)) {
      case 0: return false;
      case 94: case 36: case 42: case 43: case 63: case 46: case 40: case 91: case 37: case 45:
        return true; // ^ $ * + ? . ( [ % -
    }
  }
  return false;
}

/** lmemfind: first index of `needle` in `hay` at or after `init`, or -1. */
export function plainFind(hay: string, needle: string, init: number): number {
  if (needle.length === 0) return init;
  return hay.indexOf(needle, init);
}

/**
 * What the matcher learns about one pattern, kept across calls (patterns
 * are usually constants): its bytes, and per position, filled the first
 * time the matcher gets there, where the single-character class starting
 * there ends and the set of bytes it matches. Filling is lazy because a
 * malformed class must raise its error only when a match reaches it
 * (lua5.1: string.find("", "a%") is nil, string.find("a", "a%") an error).
 */
class CompiledPattern {
  readonly pat: string;
  /** Bytes before the first NUL. */
  readonly patLen: number;
  /** The pattern's bytes up to its first NUL, then zeros. */
  readonly codes: Uint8Array;
  /** classEnd(p), or 0 when not known yet (a class never ends at 0). */
  readonly ends: Int32Array;
  /** The bytes the class at p matches (1 = member), once known. */
  readonly sets: Array<Uint8Array | undefined>;
  /**
   * The first item that must consume a byte, for skipping start positions:
   * FIRST_NONE, or the set / literal byte below.
   */
  readonly firstKind: number;
  readonly firstSet: Uint8Array | undefined;
  readonly firstByte: string;

  constructor(pat: string) {
    this.pat = pat;
    const nul = pat.indexOf('\0');
    const n = nul < 0 ? pat.length : nul;
    this.patLen = n;
    // zero padding: the matcher reads at most two bytes past the end, where
    // C would see the terminator
    const codes = new Uint8Array(n + 8);
    for (let i = 0; i < n; i++) codes[i] = pat.charCodeAt(i);
    this.codes = codes;
    this.ends = new Int32Array(n + 8);
    this.sets = new Array<Uint8Array | undefined>(n + 1).fill(undefined);
    // The first item, worked out now (a malformed one is left to the match
    // to report): so the matcher's hot code never meets this path late.
    let firstKind = FIRST_NONE;
    let firstSet: Uint8Array | undefined;
    let firstByte = '';
    const p = this.firstItem();
    if (p >= 0) {
      const c = codes[p]!;
      if (c !== L_ESC && c !== 91) {
        firstKind = FIRST_BYTE;
        firstByte = String.fromCharCode(c);
      } else {
        firstKind = FIRST_SET;
        firstSet = this.setAt(p, this.ends[p]!);
      }
    }
    this.firstKind = firstKind;
    this.firstSet = firstSet;
    this.firstByte = firstByte;
  }

  private pc(i: number): number {
    return this.codes[i]!;
  }

  /**
   * The position of the first item every match must consume a byte with
   * (its class end known), or -1: the items before it are plain captures,
   * which consume nothing and raise nothing when there are at most
   * MAX_CAPTURES of them.
   */
  private firstItem(): number {
    let p = 0;
    let opens = 0;
    while (this.pc(p) === 40) { // '(' and '()' consume nothing
      p += this.pc(p + 1) === 41 ? 2 : 1;
      if (++opens > MAX_CAPTURES) return -1; // the match raises 'too many captures'
    }
    const c = this.pc(p);
    if (p >= this.patLen || c === 41 || c === 36 || c === 46) return -1; // end, ')', '$', '.'
    if (c === L_ESC) {
      const nx = this.pc(p + 1);
      if (nx === 98 || nx === 102 || (nx >= 48 && nx <= 57)) return -1; // %b %f %0-%9
    }
    let ep: number;
    try {
      ep = this.classEndAt(p);
    } catch {
      return -1; // malformed: the match raises it when it gets there
    }
    const q = this.pc(ep);
    if (q === 42 || q === 63 || q === 45) return -1; // '*' '?' '-' may match nothing
    return p;
  }

  /** classEnd, remembered per pattern position once it is known. */
  classEndAt(p: number): number {
    const e = this.ends[p]!;
    if (e !== 0) return e;
    const ep = this.classEnd(p);
    this.ends[p] = ep;
    return ep;
  }

  private classEnd(p: number): number {
    const c = this.pc(p++);
    if (c === L_ESC) {
      if (p >= this.patLen) throw new PatternError("malformed pattern (ends with '%')");
      return p + 1;
    }
    if (c === 91) { // '['
      if (this.pc(p) === 94) p++;
      do { // look for a ']'; the first character is taken literally, so "[]]" works
        if (p >= this.patLen) throw new PatternError("malformed pattern (missing ']')");
        const d = this.pc(p++);
        if (d === L_ESC && p < this.patLen) p++;
      } while (this.pc(p) !== 93);
      return p + 1;
    }
    return p;
  }

  /** The byte set of the class [p, ep): singleMatch for every byte, computed once. */
  setAt(p: number, ep: number): Uint8Array {
    const known = this.sets[p];
    if (known !== undefined) return known;
    const key = ep - p <= SET_KEY_MAX ? this.pat.substring(p, ep) : '';
    let set = key === '' ? undefined : setCache.get(key);
    if (set === undefined) {
      set = new Uint8Array(256);
      for (let c = 0; c < 256; c++) if (this.singleMatch(c, p, ep)) set[c] = 1;
      if (key !== '') {
        if (setCache.size >= SET_CACHE_MAX) setCache.clear();
        setCache.set(key, set);
      }
    }
    this.sets[p] = set;
    return set;
  }

  /** matchbracketclass: `p` at '[', `ec` at the closing ']'. */
  private matchBracket(c: number, p: number, ec: number): boolean {
    let sig = true;
    if (this.pc(p + 1) === 94) { sig = false; p++; }
    while (++p < ec) {
      const pch = this.pc(p);
      if (pch === L_ESC) {
        p++;
        if (matchClass(c, this.pc(p))) return sig;
      } else if (this.pc(p + 1) === 45 && p + 2 < ec) { // range a-z
        p += 2;
        if (pch <= c && c <= this.pc(p)) return sig;
      } else if (pch === c) return sig;
    }
    return !sig;
  }

  private singleMatch(c: number, p: number, ep: number): boolean {
    const pch = this.pc(p);
    if (pch === 46) return true; // '.'
    if (pch === L_ESC) return matchClass(c, this.pc(p + 1));
    if (pch === 91) return this.matchBracket(c, p, ep - 1);
    return pch === c;
  }
}

const FIRST_NONE = 1, FIRST_SET = 2, FIRST_BYTE = 3;

/** Byte sets by class text ("%a", "[^%s,]", "x"), shared by all patterns. */
const setCache = new Map<string, Uint8Array>();
const SET_CACHE_MAX = 1024;
/** Longer class texts are not shared (the cache keeps its keys). */
const SET_KEY_MAX = 64;

/** Recently used patterns; longer than 512 bytes: analysed on every call, not kept. */
const patternCache = new TextCache((pat) => new CompiledPattern(pat), 256, 512);

function compiledPattern(pat: string): CompiledPattern {
  return patternCache.get(pat);
}

/** One matcher, reusable across calls (`reset` before each new subject). */
export class MatchState {
  src = '';
  srcLen = 0;
  pat = '';
  patLen = 0;
  private cp: CompiledPattern = compiledPattern('');
  /** cp.codes */
  private codes: Uint8Array = this.cp.codes;
  level = 0;
  /** Backtracking stack: STRIDE ints per record, `sp` the first free slot. */
  private stk = new Int32Array(STRIDE * 64);
  private sp = 0;
  /** sp when the running match() started: records below belong to no choice of it. */
  private spBase = 0;
  /** gmatch's next start position, set by gmatchNext. */
  nextPos = 0;
  /**
   * Called every WORK_QUANTUM matcher steps, so an embedder can stop a match
   * that backtracks exponentially (lua5.1 would spin in C; a Valkey script
   * must stay killable). May throw.
   */
  onWork: (() => void) | undefined = undefined;
  private work = WORK_QUANTUM;
  /** The last match found by findMatch / gmatchNext: [matchStart, matchEnd). */
  matchStart = 0;
  matchEnd = 0;
  readonly capInit = new Int32Array(MAX_CAPTURES);
  readonly capLen = new Int32Array(MAX_CAPTURES);

  reset(src: string, pat: string): void {
    this.src = src;
    this.srcLen = src.length;
    const cp = compiledPattern(pat);
    this.cp = cp;
    this.pat = pat;
    this.patLen = cp.patLen;
    this.codes = cp.codes;
    this.level = 0;
    this.sp = 0;
  }

  private pc(i: number): number {
    return this.codes[i]!;
  }

  private sc(i: number): number {
    return i < this.srcLen ? this.src.charCodeAt(i) : 0;
  }

  /**
   * The first start position at or after `s` (up to srcLen) where a match
   * can begin, judged by the pattern's first byte-consuming item: a start
   * whose byte that item rejects fails at once in lua5.1 too. Only for
   * unanchored patterns (`pstart` 0).
   */
  skipStart(s: number): number {
    const cp = this.cp;
    if (s >= this.srcLen || cp.firstKind === FIRST_NONE) return s;
    const from = s;
    if (cp.firstKind === FIRST_BYTE) {
      s = this.src.indexOf(cp.firstByte, s);
      if (s < 0) s = this.srcLen;
    } else {
      const set = cp.firstSet!;
      const src = this.src;
      const n = this.srcLen;
      while (s < n && set[src.charCodeAt(s)] === 0) s++;
    }
    // the skipped attempts are work lua5.1 would have done: charge it
    this.work -= s - from;
    if (this.work <= 0) this.tick();
    return s;
  }

  /**
   * Matches pattern from `p` against subject from `s`; returns the end or -1.
   *
   * lstrlib recurses in C at every choice (`?`, `*`, `+`, `-`, captures);
   * here each choice is a record on an explicit stack, so deep patterns
   * need memory, not JS stack (lua5.1 matches a 30000-item pattern). A
   * failure pops records: undo records restore capture state, choice records
   * resume with their next alternative, in the order the recursion would.
   */
  match(s: number, p: number): number {
    const base = this.sp;
    this.spBase = base;
    const r = this.run(s, p);
    if (r === -1 && this.sp !== base) return this.backtrack(base);
    this.sp = base; // success: pending choices are dropped, captures kept
    return r;
  }

  /**
   * match() after run() failed with choices left: resumes the most recent
   * one with an alternative, until a run succeeds or none is left. Out of
   * line so that match(), inlined by its many callers, stays small.
   */
  private backtrack(base: number): number {
    let s = 0;
    let p = 0;
    for (;;) {
      // backtrack to the most recent choice that has an alternative left
      let resumed = false;
      while (this.sp > base) {
        if (--this.work === 0) this.tick();
        const t = (this.sp -= STRIDE);
        const st = this.stk;
        const kind = st[t]!;
        if (kind === UNDO_START) { this.level--; continue; }
        if (kind === UNDO_END) { this.capLen[st[t + 1]!] = CAP_UNFINISHED; continue; }
        if (kind === ALT_OPT) { s = st[t + 1]!; p = st[t + 2]!; resumed = true; break; }
        if (kind === ALT_MAX) {
          // longest repetition first, then one fewer each time
          const s0 = st[t + 1]!, ep = st[t + 3]!, i = st[t + 4]! - 1;
          if (i < 0) continue;
          this.push(ALT_MAX, s0, st[t + 2]!, ep, i);
          s = s0 + i;
          p = ep + 1;
          resumed = true;
          break;
        }
        // ALT_MIN: shortest repetition first, then one more each time
        const s0 = st[t + 1]!, pp = st[t + 2]!, ep = st[t + 3]!;
        if (s0 < this.srcLen && this.cp.setAt(pp, ep)[this.src.charCodeAt(s0)] === 1) {
          this.push(ALT_MIN, s0 + 1, pp, ep, 0);
          s = s0 + 1;
          p = ep + 1;
          resumed = true;
          break;
        }
      }
      if (!resumed) return -1;
      const r = this.run(s, p);
      if (r !== -1) {
        this.sp = base;
        return r;
      }
    }
  }

  private tick(): void {
    this.work = WORK_QUANTUM;
    if (this.onWork !== undefined) this.onWork();
  }

  private push(kind: number, a: number, b: number, c: number, d: number): void {
    let st = this.stk;
    const t = this.sp;
    if (t + STRIDE > st.length) {
      if (st.length >= MAX_STACK) throw new PatternError(TOO_COMPLEX);
      const bigger = new Int32Array(st.length * 2);
      bigger.set(st);
      this.stk = st = bigger;
    }
    st[t] = kind;
    st[t + 1] = a;
    st[t + 2] = b;
    st[t + 3] = c;
    st[t + 4] = d;
    this.sp = t + STRIDE;
  }

  /** Runs forward from (s, p), pushing choices; -1 means "backtrack". */
  private run(s: number, p: number): number {
    // Locals and the per-pattern caches read inline: until V8 optimizes this
    // function (most of a short script's life) every helper call costs.
    const src = this.src;
    const srcLen = this.srcLen;
    const codes = this.codes;
    const ends = this.cp.ends;
    const sets = this.cp.sets;
    for (;;) {
      if (--this.work === 0) this.tick();
      const pch = codes[p]!;
      switch (pch) {
        case 40: { // '(' starts a capture; undone on backtrack
          const level = this.level;
          if (level >= MAX_CAPTURES) throw new PatternError('too many captures');
          this.capInit[level] = s;
          if (codes[p + 1] === 41) { this.capLen[level] = CAP_POSITION; p += 2; } else { this.capLen[level] = CAP_UNFINISHED; p += 1; }
          this.level = level + 1;
          // With no choice pending, a failure ends this match() and the
          // caller resets the captures: nothing to undo.
          if (this.sp !== this.spBase) this.push(UNDO_START, 0, 0, 0, 0);
          continue;
        }
        case 41: { // ')' closes the innermost open capture
          const l = this.captureToClose();
          this.capLen[l] = s - this.capInit[l]!;
          if (this.sp !== this.spBase) this.push(UNDO_END, l, 0, 0, 0);
          p += 1;
          continue;
        }
        case 0:
          if (p >= this.patLen) return s; // end of pattern
          break;
        case 36: // '$'
          if (p + 1 >= this.patLen) return s === srcLen ? s : -1;
          break; // otherwise an ordinary character
        case L_ESC: {
          const nx = codes[p + 1]!;
          if (nx === 98) { // %b
            s = this.matchBalance(s, p + 2);
            if (s === -1) return -1;
            p += 4;
            continue;
          }
          if (nx === 102) { // %f
            p += 2;
            if (this.pc(p) !== 91) throw new PatternError("missing '[' after '%f' in pattern");
            const ep = this.cp.classEndAt(p);
            const set = this.cp.setAt(p, ep);
            const prev = s === 0 ? 0 : src.charCodeAt(s - 1);
            if (set[prev] === 1 || set[this.sc(s)] === 0) return -1;
            p = ep;
            continue;
          }
          if (nx >= 48 && nx <= 57) { // back-reference %1..%9 (and %0, rejected)
            s = this.matchCapture(s, nx);
            if (s === -1) return -1;
            p += 2;
            continue;
          }
          break;
        }
      }
      // default: a single-character class, possibly followed by a quantifier
      let ep = ends[p]!;
      if (ep === 0) ep = this.cp.classEndAt(p);
      let set = sets[p];
      if (set === undefined) set = this.cp.setAt(p, ep);
      const m = s < srcLen && set[src.charCodeAt(s)] === 1;
      const q = codes[ep]!;
      switch (q) {
        case 63: // '?': with the character first, then without
          if (m) {
            this.push(ALT_OPT, s, ep + 1, 0, 0);
            s++;
          }
          p = ep + 1;
          continue;
        case 43: // '+': one, then as '*'
        case 42: { // '*'
          if (q === 43) {
            if (!m) return -1;
            s++;
          }
          let i = s;
          while (i < srcLen && set[src.charCodeAt(i)] === 1) i++;
          this.push(ALT_MAX, s, p, ep, i - s);
          s = i;
          p = ep + 1;
          continue;
        }
        case 45: // '-'
          this.push(ALT_MIN, s, p, ep, 0);
          p = ep + 1;
          continue;
        default:
          if (!m) return -1;
          s++;
          p = ep;
      }
    }
  }

  private captureToClose(): number {
    for (let level = this.level - 1; level >= 0; level--) {
      if (this.capLen[level] === CAP_UNFINISHED) return level;
    }
    throw new PatternError('invalid pattern capture');
  }

  private matchBalance(s: number, p: number): number {
    if (p >= this.patLen || p + 1 >= this.patLen) throw new PatternError('unbalanced pattern');
    const b = this.pat.charCodeAt(p);
    if (this.sc(s) !== b) return -1;
    const e = this.pat.charCodeAt(p + 1);
    let cont = 1;
    while (++s < this.srcLen) {
      const c = this.src.charCodeAt(s);
      if (c === e) {
        if (--cont === 0) return s + 1;
      } else if (c === b) cont++;
    }
    return -1;
  }

  private matchCapture(s: number, lch: number): number {
    const l = this.checkCapture(lch);
    const len = this.capLen[l]!;
    // A position capture has a negative length: C compares it as a huge size_t.
    if (len < 0 || this.srcLen - s < len) return -1;
    const init = this.capInit[l]!;
    for (let i = 0; i < len; i++) {
      if (this.src.charCodeAt(init + i) !== this.src.charCodeAt(s + i)) return -1;
    }
    return s + len;
  }

  private checkCapture(lch: number): number {
    const l = lch - 49; // '1'
    if (l < 0 || l >= this.level || this.capLen[l] === CAP_UNFINISHED) {
      throw new PatternError('invalid capture index');
    }
    return l;
  }

  /**
   * Capture `i` of the match [s, e) as a Lua value: a string, or a number for
   * a position capture. With no captures, capture 0 is the whole match.
   */
  getCapture(i: number, s: number, e: number): string | number {
    if (i >= this.level) {
      if (i === 0) return this.src.substring(s, e);
      throw new PatternError('invalid capture index');
    }
    const l = this.capLen[i]!;
    if (l === CAP_UNFINISHED) throw new PatternError('unfinished capture');
    const init = this.capInit[i]!;
    if (l === CAP_POSITION) return init + 1;
    return this.src.substring(init, init + l);
  }

  /** Number of values push_captures would produce for a match (whole match counts as one). */
  captureCount(wholeMatch: boolean): number {
    return this.level === 0 && wholeMatch ? 1 : this.level;
  }
}

/** Matcher steps between two onWork calls. */
export const WORK_QUANTUM = 256;

// Backtracking records: kind, then up to four operands.
const STRIDE = 5;
const UNDO_START = 0, UNDO_END = 1, ALT_OPT = 2, ALT_MAX = 3, ALT_MIN = 4;
// lua5.1 has no limit of its own (it recurses in C until the C stack ends);
// 2^24 ints of backtracking state (64 MB) end in a Lua error instead.
const MAX_STACK = 1 << 24;
export const TOO_COMPLEX = 'pattern too complex';

/** A capture value: a string, or a position for `()`. */
export type Capture = string | number;

/** push_captures: the captures of match [s, e), or the whole match when there are none. */
export function getCaptures(ms: MatchState, s: number, e: number, wholeMatch: boolean): Capture[] {
  const n = ms.captureCount(wholeMatch);
  const out: Capture[] = new Array<Capture>(n);
  for (let i = 0; i < n; i++) out[i] = ms.getCapture(i, s, e);
  return out;
}

/** posrelat: a relative string position made absolute (negative counts from the end). */
export function posRelat(pos: number, len: number): number {
  if (pos < 0) pos += len + 1;
  return pos >= 0 ? pos : 0;
}

/**
 * str_find_aux without building results: string.find (`find` true) and
 * string.match from the Lua `init` argument (1-based, may be negative).
 * On a match returns true with the match in [ms.matchStart, ms.matchEnd)
 * and its captures in `ms` (none for a plain search).
 */
export function findMatch(ms: MatchState, s: string, p: string, initArg: number, plain: boolean, find: boolean): boolean {
  const l1 = s.length;
  let init = posRelat(initArg, l1) - 1;
  if (init < 0) init = 0;
  else if (init > l1) init = l1;
  if (find && (plain || !hasSpecials(p))) {
    const at = plainFind(s, p, init);
    ms.level = 0;
    ms.matchStart = at;
    ms.matchEnd = at + p.length;
    return at >= 0;
  }
  ms.reset(s, p);
  const anchor = ms.patLen > 0 && p.charCodeAt(0) === 94; // '^'
  const pstart = anchor ? 1 : 0;
  let s1 = init;
  do {
    if (!anchor) s1 = ms.skipStart(s1);
    ms.level = 0;
    const res = ms.match(s1, pstart);
    if (res !== -1) {
      ms.matchStart = s1;
      ms.matchEnd = res;
      return true;
    }
  } while (s1++ < l1 && !anchor);
  return false;
}

/** findMatch's results as an array (the values find/match return), or null for nil. */
export function findAux(ms: MatchState, s: string, p: string, initArg: number, plain: boolean, find: boolean): Capture[] | null {
  if (!findMatch(ms, s, p, initArg, plain, find)) return null;
  if (find) {
    const caps = getCaptures(ms, 0, 0, false);
    caps.unshift(ms.matchStart + 1, ms.matchEnd);
    return caps;
  }
  return getCaptures(ms, ms.matchStart, ms.matchEnd, true);
}

/**
 * One step of gmatch_aux from position `pos` (0-based): true with the match
 * in [ms.matchStart, ms.matchEnd) and `ms.nextPos` the next position, or
 * false when the iteration ends.
 */
export function gmatchNext(ms: MatchState, s: string, p: string, pos: number): boolean {
  ms.reset(s, p);
  for (let src = pos; src <= s.length; src++) {
    src = ms.skipStart(src);
    ms.level = 0;
    const e = ms.match(src, 0);
    if (e !== -1) {
      // an empty match advances by one, so the iteration always progresses
      ms.nextPos = e === src ? e + 1 : e;
      ms.matchStart = src;
      ms.matchEnd = e;
      return true;
    }
  }
  return false;
}

/** gmatchNext's captures as an array, or null at the end. */
export function gmatchStep(ms: MatchState, s: string, p: string, pos: number): Capture[] | null {
  return gmatchNext(ms, s, p, pos) ? getCaptures(ms, ms.matchStart, ms.matchEnd, true) : null;
}

/** What gsubLoop asks for each match: its replacement text. */
export interface Replacer {
  /** The replacement text for the match [s, e) (captures in `ms`). */
  add(ms: MatchState, s: number, e: number): string;
}

/**
 * str_gsub's loop; `r` gives the replacement text of each match (the
 * library handles strings, tables and functions there). An object rather
 * than a closure per call: the call site keeps one target.
 */
export function gsubLoop(ms: MatchState, src: string, p: string, maxN: number, r: Replacer): [string, number] {
  ms.reset(src, p);
  const anchor = ms.patLen > 0 && p.charCodeAt(0) === 94;
  const pstart = anchor ? 1 : 0;
  let s = 0;
  let n = 0;
  let out = ''; // V8 builds this as a rope; flattening happens once at the end
  let copyFrom = 0; // start of the unmatched run not yet copied
  while (n < maxN) {
    if (!anchor) s = ms.skipStart(s);
    ms.level = 0;
    const e = ms.match(s, pstart);
    if (e !== -1) {
      n++;
      if (copyFrom < s) out += src.substring(copyFrom, s);
      out += r.add(ms, s, e);
      copyFrom = e;
    }
    if (e !== -1 && e > s) s = e;
    else if (s < ms.srcLen) {
      if (e !== -1) copyFrom = s; // the empty match's text is re-copied below with this char
      s++;
    } else break;
    if (anchor) break;
  }
  if (copyFrom < src.length) out += src.substring(copyFrom);
  return [out, n];
}

/**
 * add_s: expands a replacement string for match [s, e): `%0` is the whole
 * match, `%1`-`%9` captures, `%` before anything else yields that character
 * (5.1 has no "invalid use of '%'" error), and a final `%` yields a NUL, the
 * string's C terminator.
 */
export function expandReplacement(ms: MatchState, repl: string, s: number, e: number, numToStr: (n: number) => string): string {
  if (repl.indexOf('%') < 0) return repl;
  let out = '';
  const l = repl.length;
  for (let i = 0; i < l; i++) {
    const c = repl.charCodeAt(i);
    if (c !== L_ESC) { out += repl[i]; continue; }
    i++;
    const d = i < l ? repl.charCodeAt(i) : 0;
    if (d < 48 || d > 57) out += String.fromCharCode(d);
    else if (d === 48) out += ms.src.substring(s, e);
    else {
      const v = ms.getCapture(d - 49, s, e);
      out += typeof v === 'number' ? numToStr(v) : v;
    }
  }
  return out;
}
