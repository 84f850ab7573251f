// undumpProto: loads a Lua 5.1 binary chunk (lundump.c) as written by
// luac5.1 / string.dump on x86-64 and by our dumpProto: little endian,
// 4-byte int, 8-byte size_t, 4-byte instructions, 8-byte double numbers.
//
// 5.1 trusts its bytecode after a light static check (luaG_checkcode in
// ldebug.c); `checkCode` below makes the same checks with the same outcome,
// "bad code in precompiled chunk". Anything the check lets through must
// still be safe for our VM, so a few checks go beyond 5.1's where 5.1 would
// crash or allocate without bound: a string constant of size 0 ("bad
// constant"; 5.1 stores NULL), and `checkBeyond51` (a LOADBOOL whose C is
// neither 0 nor 1 skipping past the code's end, a backward FORPREP, table
// size hints no compiler would write, SETLIST into a register that may not
// hold a NEWTABLE's table, FORLOOP on registers a FORPREP may not have
// set) as "bad code". The tests in test/undump.test.ts compare verdicts
// with lua5.1's loadstring and run fuzzed chunks that load.
//
// Invariant: every failure is a LuaError with lua5.1's text ("<name>: <why>
// in precompiled chunk", status LUA_ERRSYNTAX; or "not enough memory",
// LUA_ERRMEM), never a JS exception.

import { LuaError, LUA_ERRSYNTAX, LUA_ERRMEM } from './errors.js';
import {
  Op, OpArg, OpFormat, OP_INFO, NUM_OPCODES, LFIELDS_PER_FLUSH,
  getOp, getA, getB, getC, getBx, getSBx, isK, indexK,
} from './opcodes.js';
import { Proto, type Constant, type LocVar, VARARG_HASARG, VARARG_ISVARARG, VARARG_NEEDSARG } from './proto.js';

/** luaU_header for x86-64: "\27Lua", version 0x51, format 0, little endian,
 *  sizeof int, size_t, Instruction, lua_Number, and "numbers are not integral". */
export const CHUNK_HEADER = '\x1bLua\x51\x00\x01\x04\x08\x04\x08\x00';
/** lua.h's LUA_SIGNATURE: a chunk starting with its first byte is binary. */
export const SIGNATURE = '\x1bLua';
/** luaconf.h's LUAI_MAXCCALLS: nested functions deeper than this are "code too deep". */
const MAX_NESTING = 200;
/** llimits.h's MAXSTACK. */
const MAXSTACK = 250;
/** Bytes beyond any machine's memory (64 GB): where 5.1's allocation fails. */
const HUGE_ALLOCATION = 2 ** 36;
/** Lua type tags of constants in a chunk. */
const T_NIL = 0;
const T_BOOLEAN = 1;
const T_NUMBER = 3;
const T_STRING = 4;

class ChunkReader {
  pos = 0;
  private readonly f64 = new Float64Array(1);
  private readonly b8 = new Uint8Array(this.f64.buffer);
  private readonly littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

  constructor(private readonly bytes: string, private readonly name: string) {}

  error(why: string): LuaError {
    return new LuaError(`${this.name}: ${why} in precompiled chunk`, LUA_ERRSYNTAX);
  }

  /** LoadBlock: `n` bytes or "unexpected end". */
  block(n: number): string {
    if (n > this.bytes.length - this.pos) throw this.error('unexpected end');
    const s = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  byte(): number {
    if (this.pos >= this.bytes.length) throw this.error('unexpected end');
    return this.bytes.charCodeAt(this.pos++) & 0xff;
  }

  /** A raw 32-bit word (instructions, line numbers: no sign check). */
  word(): number {
    if (this.bytes.length - this.pos < 4) throw this.error('unexpected end');
    const s = this.bytes;
    const p = this.pos;
    this.pos = p + 4;
    return (s.charCodeAt(p) & 0xff) | ((s.charCodeAt(p + 1) & 0xff) << 8) |
      ((s.charCodeAt(p + 2) & 0xff) << 16) | ((s.charCodeAt(p + 3) & 0xff) << 24);
  }

  /** LoadInt: a C int, refused when negative ("bad integer"). */
  int(): number {
    const x = this.word();
    if (x < 0) throw this.error('bad integer');
    return x;
  }

  /** A size_t (string lengths); above 2^53 it is only compared, never used. */
  sizeT(): number {
    const lo = this.word() >>> 0;
    const hi = this.word() >>> 0;
    return hi * 4294967296 + lo;
  }

  /** 5.1 allocates a string's buffer before reading it: a size no machine
   *  can allocate fails as lua5.1's malloc does, smaller ones as a truncation. */
  private checkSize(size: number): void {
    if (size >= HUGE_ALLOCATION) throw new LuaError('not enough memory', LUA_ERRMEM);
  }

  number(): number {
    const raw = this.block(8);
    for (let i = 0; i < 8; i++) this.b8[this.littleEndianHost ? i : 7 - i] = raw.charCodeAt(i) & 0xff;
    return this.f64[0]!;
  }

  /** LoadString: undefined for 5.1's NULL (size 0); the size counts a trailing NUL. */
  string(): string | undefined {
    const size = this.sizeT();
    if (size === 0) return undefined;
    this.checkSize(size);
    return this.block(size).slice(0, size - 1);
  }

  /** A count of `elemSize`-byte items read without checks in between: one
   *  that cannot fit in what is left is "unexpected end" before any is read. */
  count(elemSize: number): number {
    const n = this.int();
    if (n * elemSize > this.bytes.length - this.pos) throw this.error('unexpected end');
    return n;
  }
}

/** lundump.c's name for a chunk in its messages. */
function chunkLabel(chunkName: string): string {
  const c = chunkName.charAt(0);
  if (c === '@' || c === '=') return chunkName.slice(1);
  if (c === SIGNATURE[0]) return 'binary string';
  return chunkName;
}

/**
 * luaU_undump: the main function of the binary chunk `bytes` (a byte
 * string starting with "\27"), loaded as `chunkName` ("@file", "=stdin",
 * or the chunk itself for loadstring). Throws a LuaError (LUA_ERRSYNTAX)
 * with lua5.1's message for a bad header, a truncated chunk, or code that
 * fails the bytecode check. `depth` is the C-call depth already in use
 * (5.1 counts nested functions against the same limit). `lua51Only` skips
 * the checks 5.1 lacks (for tests that compare verdicts with lua5.1); such
 * a Proto must not be run.
 */
export function undumpProto(bytes: string, chunkName: string, depth = 0, lua51Only = false): Proto {
  const r = new ChunkReader(bytes, chunkLabel(chunkName));
  const header = r.block(CHUNK_HEADER.length);
  if (header !== CHUNK_HEADER) throw r.error('bad header');
  return loadFunction(r, '=?', depth, lua51Only);
}

function loadFunction(r: ChunkReader, parentSource: string, depth: number, lua51Only: boolean): Proto {
  if (depth + 1 > MAX_NESTING) throw r.error('code too deep');
  const f = new Proto(parentSource);
  const source = r.string();
  if (source !== undefined) f.source = source;
  f.lineDefined = r.int();
  f.lastLineDefined = r.int();
  f.numUpvalues = r.byte();
  f.numParams = r.byte();
  f.isVararg = r.byte();
  f.maxStackSize = r.byte();
  // LoadCode
  let n = r.count(4);
  const code = new Int32Array(n);
  for (let i = 0; i < n; i++) code[i] = r.word();
  f.code = code;
  // LoadConstants
  // Constants, functions and names are read one by one (each takes at
  // least a byte, so a huge count ends at the chunk's end), so that a bad
  // item before the end is reported as 5.1 reports it.
  n = r.int();
  const k: Constant[] = [];
  for (let i = 0; i < n; i++) {
    const t = r.byte();
    if (t === T_NIL) k.push(undefined);
    else if (t === T_BOOLEAN) k.push(r.byte() !== 0);
    else if (t === T_NUMBER) k.push(r.number());
    else if (t === T_STRING) {
      const s = r.string();
      // 5.1 stores a NULL string here and crashes when it is used
      if (s === undefined) throw r.error('bad constant');
      k.push(s);
    } else throw r.error('bad constant');
  }
  f.k = k;
  n = r.int();
  const p: Proto[] = [];
  for (let i = 0; i < n; i++) p.push(loadFunction(r, f.source, depth + 1, lua51Only));
  f.p = p;
  // LoadDebug
  n = r.count(4);
  const lineinfo = new Int32Array(n);
  for (let i = 0; i < n; i++) lineinfo[i] = r.word();
  f.lineinfo = lineinfo;
  n = r.int();
  const locvars: LocVar[] = [];
  for (let i = 0; i < n; i++) {
    const name = r.string() ?? '';
    const startpc = r.int();
    const endpc = r.int();
    locvars.push({ name, startpc, endpc });
  }
  f.locvars = locvars;
  n = r.int();
  const upvalueNames: string[] = [];
  for (let i = 0; i < n; i++) upvalueNames.push(r.string() ?? '');
  f.upvalueNames = upvalueNames;
  if (!checkCode(f) || (!lua51Only && !checkBeyond51(f))) throw r.error('bad code');
  return f;
}

/** ldebug.c's precheck: the function's shape. */
function precheck(f: Proto): boolean {
  return f.maxStackSize <= MAXSTACK &&
    f.numParams + (f.isVararg & VARARG_HASARG) <= f.maxStackSize &&
    (!(f.isVararg & VARARG_NEEDSARG) || (f.isVararg & VARARG_HASARG) !== 0) &&
    f.upvalueNames.length <= f.numUpvalues &&
    (f.lineinfo.length === f.code.length || f.lineinfo.length === 0) &&
    f.code.length > 0 && getOp(f.code[f.code.length - 1]!) === Op.RETURN;
}

function checkArgMode(f: Proto, r: number, mode: OpArg): boolean {
  switch (mode) {
    case OpArg.N: return r === 0;
    case OpArg.U: return true;
    case OpArg.R: return r < f.maxStackSize;
    case OpArg.K: return isK(r) ? indexK(r) < f.k.length : r < f.maxStackSize;
  }
  return false;
}

/** ldebug.c's checkopenop: what follows an open call or vararg must take all values. */
function checkOpenOp(f: Proto, pc: number): boolean {
  const i = f.code[pc + 1];
  if (i === undefined) return false;
  switch (getOp(i)) {
    case Op.CALL: case Op.TAILCALL: case Op.RETURN: case Op.SETLIST:
      return getB(i) === 0;
    default:
      return false;
  }
}

/**
 * luaG_checkcode (symbexec with reg = NO_REG, every pc visited): operands
 * in range, tests followed by jumps, jumps inside the code and not onto a
 * SETLIST count word, closures followed by their upvalue instructions.
 */
export function checkCode(f: Proto): boolean {
  if (!precheck(f)) return false;
  const code = f.code;
  const size = code.length;
  const checkReg = (x: number): boolean => x < f.maxStackSize;
  for (let pc = 0; pc < size; pc++) {
    const i = code[pc]!;
    const op = getOp(i);
    if (op >= NUM_OPCODES) return false;
    const a = getA(i);
    if (!checkReg(a)) return false;
    const info = OP_INFO[op];
    let b = 0;
    let c = 0;
    switch (info.format) {
      case OpFormat.ABC:
        b = getB(i);
        c = getC(i);
        if (!checkArgMode(f, b, info.b) || !checkArgMode(f, c, info.c)) return false;
        break;
      case OpFormat.ABx:
        b = getBx(i);
        if (info.b === OpArg.K && b >= f.k.length) return false;
        break;
      case OpFormat.AsBx:
        b = getSBx(i);
        if (info.b === OpArg.R) {
          const dest = pc + 1 + b;
          if (!(dest >= 0 && dest < size)) return false;
          if (dest > 0) {
            // a jump must not land on a SETLIST's count word; a run of
            // "SETLIST with C = 0" words pairs up from its start
            let j = 0;
            for (; j < dest; j++) {
              const d = code[dest - 1 - j]!;
              if (!(getOp(d) === Op.SETLIST && getC(d) === 0)) break;
            }
            if ((j & 1) !== 0) return false;
          }
        }
        break;
    }
    if (info.test) {
      if (!(pc + 2 < size)) return false;
      if (getOp(code[pc + 1]!) !== Op.JMP) return false;
    }
    switch (op) {
      case Op.LOADBOOL:
        if (c === 1) {
          if (!(pc + 2 < size)) return false;
          const next = code[pc + 1]!;
          if (getOp(next) === Op.SETLIST && getC(next) === 0) return false;
        }
        break;
      case Op.GETUPVAL:
      case Op.SETUPVAL:
        if (!(b < f.numUpvalues)) return false;
        break;
      case Op.GETGLOBAL:
      case Op.SETGLOBAL:
        if (typeof f.k[b] !== 'string') return false;
        break;
      case Op.SELF:
        if (!checkReg(a + 1)) return false;
        break;
      case Op.CONCAT:
        if (!(b < c)) return false;
        break;
      case Op.TFORLOOP:
        if (!(c >= 1)) return false;
        if (!checkReg(a + 2 + c)) return false;
        break;
      case Op.FORLOOP:
      case Op.FORPREP:
        if (!checkReg(a + 3)) return false;
        break;
      case Op.CALL:
      case Op.TAILCALL: {
        if (b !== 0 && !checkReg(a + b - 1)) return false;
        const nresults = c - 1;
        if (nresults === -1) {
          if (!checkOpenOp(f, pc)) return false;
        } else if (nresults !== 0 && !checkReg(a + nresults - 1)) return false;
        break;
      }
      case Op.RETURN:
        if (b - 1 > 0 && !checkReg(a + b - 2)) return false;
        break;
      case Op.SETLIST:
        if (b > 0 && !checkReg(a + b)) return false;
        if (c === 0) {
          pc++;
          if (!(pc < size - 1)) return false;
        }
        break;
      case Op.CLOSURE: {
        if (!(b < f.p.length)) return false;
        const nup = f.p[b]!.numUpvalues;
        if (!(pc + nup < size)) return false;
        for (let j = 1; j <= nup; j++) {
          const op1 = getOp(code[pc + j]!);
          if (op1 !== Op.GETUPVAL && op1 !== Op.MOVE) return false;
        }
        // the full check visits the pseudo-instructions as ordinary MOVE/GETUPVAL
        break;
      }
      case Op.VARARG: {
        if (!((f.isVararg & VARARG_ISVARARG) !== 0 && (f.isVararg & VARARG_NEEDSARG) === 0)) return false;
        const n = b - 1;
        if (n === -1 && !checkOpenOp(f, pc)) return false;
        if (!checkReg(a + n - 1)) return false;
        break;
      }
      default:
        break;
    }
  }
  return true;
}

/**
 * The checks 5.1 lacks, for code that passes luaG_checkcode but would crash
 * lua5.1, make it allocate without bound, or make our VM loop where the
 * work budget cannot see it (the budget counts backward jumps and calls):
 * - LOADBOOL skips the next instruction whenever C is non-zero, but 5.1
 *   checks the skip only for C == 1: with C = 2..511 it can skip the closing
 *   RETURN and run off the end of the code (lua5.1 segfaults; our loop read
 *   past the code forever) or land on a SETLIST's count word, whose operands
 *   nobody checked. Every skipping LOADBOOL gets the C == 1 checks.
 * - FORPREP jumping backward (no compiler writes one) makes a loop whose
 *   only backward edge is the FORPREP, which the budget does not count.
 * - NEWTABLE's size hints and SETLIST's block number can be no larger than
 *   a compiler can produce for a function of this many instructions (each
 *   SETLIST stores at most 50 items, each hash field takes an instruction),
 *   so a few bytes of chunk cannot make the VM allocate gigabytes.
 * - What SETLIST and FORLOOP take on trust (see `checkRegisterFlow`).
 */
function checkBeyond51(f: Proto): boolean {
  const code = f.code;
  const size = code.length;
  let needsFlow = false;
  for (let pc = 0; pc < size; pc++) {
    const i = code[pc]!;
    switch (getOp(i)) {
      case Op.LOADBOOL:
        if (getC(i) > 1) {
          if (!(pc + 2 < size)) return false;
          const next = code[pc + 1]!;
          if (getOp(next) === Op.SETLIST && getC(next) === 0) return false;
        }
        break;
      case Op.FORPREP:
        if (getSBx(i) < 0) return false;
        break;
      case Op.FORLOOP:
        needsFlow = true;
        break;
      case Op.NEWTABLE:
        if (fb2int(getB(i)) > 2 * LFIELDS_PER_FLUSH * size + 16 || fb2int(getC(i)) > 2 * size + 16) return false;
        break;
      case Op.SETLIST: {
        needsFlow = true;
        const c = getC(i) === 0 ? (code[pc + 1]! >>> 0) : getC(i);
        if (c - 1 > size) return false;
        if (getC(i) === 0) pc++;
        break;
      }
      default:
        break;
    }
  }
  return !needsFlow || checkRegisterFlow(f);
}

/** luaO_fb2int, uncapped. */
function fb2int(x: number): number {
  const e = (x >>> 3) & 31;
  return e === 0 ? x : ((x & 7) + 8) * 2 ** (e - 1);
}

/** Where the "holds a FORPREP's number" bits start in a register-flow state. */
const NUMBER_BITS = 256n;
/** One past the highest register an operand can name: "from R(A) up". */
const REG_END = 256;

/**
 * SETLIST stores into R(A) and FORLOOP adds R(A+2) to R(A) and compares
 * with R(A+1) without looking at the types: 5.1 reads garbage from a
 * non-table or non-number there (or crashes), and our VM would do JS
 * arithmetic on whatever it finds (a string doubling at each step ends in
 * a JS RangeError). So on every path to it, a SETLIST's R(A) must hold the
 * table a NEWTABLE made, and a FORLOOP's R(A) .. R(A+2) the numbers a
 * FORPREP checked. A forward data flow over the code: at each pc, the
 * registers known to hold a NEWTABLE's table (bits 0..255) and those known
 * to hold a FORPREP's number (bits 256..511); meet = intersection, so the
 * states only shrink and the work list ends. Code from a compiler passes:
 * the table and the loop control are hidden locals nothing else writes.
 */
function checkRegisterFlow(f: Proto): boolean {
  const code = f.code;
  const size = code.length;
  const state: (bigint | undefined)[] = new Array<bigint | undefined>(size).fill(undefined);
  const work: number[] = [0];
  state[0] = 0n;
  /** Both kinds of bit for registers lo .. hi-1. */
  const span = (lo: number, hi: number): bigint => {
    const m = ((1n << BigInt(hi - lo)) - 1n) << BigInt(lo);
    return m | (m << NUMBER_BITS);
  };
  /** The state after a write to registers lo .. hi-1: nothing known of them. */
  const kill = (s: bigint, lo: number, hi = lo + 1): bigint => (hi > lo ? s & ~span(lo, hi) : s);
  const flow = (to: number, s: bigint): void => {
    if (to < 0 || to >= size) return;
    const old = state[to];
    const merged = old === undefined ? s : old & s;
    if (merged !== old) {
      state[to] = merged;
      work.push(to);
    }
  };
  while (work.length > 0) {
    const pc = work.pop()!;
    const s = state[pc]!;
    const i = code[pc]!;
    const op = getOp(i);
    const a = getA(i);
    switch (op) {
      case Op.NEWTABLE:
        flow(pc + 1, kill(s, a) | (1n << BigInt(a)));
        break;
      case Op.SETLIST:
        if ((s & (1n << BigInt(a))) === 0n) return false;
        flow(pc + (getC(i) === 0 ? 2 : 1), s);
        break;
      case Op.JMP:
        flow(pc + 1 + getSBx(i), s);
        break;
      case Op.FORPREP:
        // the loop control R(A) .. R(A+2) are numbers once FORPREP has run
        flow(pc + 1 + getSBx(i), kill(s, a, a + 3) | (7n << (BigInt(a) + NUMBER_BITS)));
        break;
      case Op.FORLOOP: {
        const control = 7n << (BigInt(a) + NUMBER_BITS);
        if ((s & control) !== control) return false;
        const after = kill(s, a + 3); // R(A) stays a number; R(A+3) gets a copy
        flow(pc + 1 + getSBx(i), after);
        flow(pc + 1, after);
        break;
      }
      case Op.EQ: case Op.LT: case Op.LE: case Op.TEST:
        flow(pc + 1, s);
        flow(pc + 2, s);
        break;
      case Op.TESTSET:
        flow(pc + 1, kill(s, a));
        flow(pc + 2, s);
        break;
      case Op.TFORLOOP: {
        const after = kill(s, a + 2, REG_END); // writes R(A+2) .. R(A+2+C)
        flow(pc + 1, after);
        flow(pc + 2, after);
        break;
      }
      case Op.LOADBOOL:
        flow(pc + (getC(i) !== 0 ? 2 : 1), kill(s, a));
        break;
      case Op.LOADNIL:
        flow(pc + 1, kill(s, a, getB(i) + 1));
        break;
      case Op.SELF:
        flow(pc + 1, kill(s, a, a + 2));
        break;
      case Op.CALL: case Op.TAILCALL: case Op.VARARG:
        flow(pc + 1, kill(s, a, REG_END)); // results from R(A) up
        break;
      case Op.CLOSURE:
        flow(pc + 1 + f.p[getBx(i)]!.numUpvalues, kill(s, a)); // its upvalue words are not executed
        break;
      case Op.RETURN:
        break;
      default:
        flow(pc + 1, OP_INFO[op].setsA ? kill(s, a) : s);
        break;
    }
  }
  return true;
}
