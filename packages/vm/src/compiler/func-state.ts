// Code generation for one function being compiled: Lua 5.1's lcode.c.
//
// Every rule here mirrors lcode.c so that our bytecode equals luac5.1's
// instruction for instruction: expression descriptors (ExpKind) delay code
// until the consumer decides where a value must go; jump lists are threaded
// through the sBx fields of the pending JMPs; RK operands name constants
// directly when the index fits in 8 bits.
//
// Invariants: registers below nactvar hold active locals; temporaries above
// them are allocated and freed in LIFO order (freeReg asserts it); `line` is
// the line of the last token the (virtual) parser consumed, which stamps each
// emitted instruction as ls->lastline does in 5.1.

import {
  Op, OP_INFO, encodeABC, encodeABx, MAXARG_SBX, MAXARG_BX, MAXARG_C, BITRK,
  MAXINDEXRK, LFIELDS_PER_FLUSH, NO_REG, POS_A, POS_B, POS_C, POS_BX,
} from '../opcodes.js';
import { Proto, type Constant } from '../proto.js';
import { LuaSyntaxError } from '@valua/parser';
import { compileError } from './errors.js';
import { cPow } from '../cmath.js';
import { intern } from '../intern.js';

/** lparser.h's expkind. */
export const enum ExpKind {
  VOID, NIL, TRUE, FALSE,
  /** info = index of constant */
  K,
  /** nval = numerical value */
  KNUM,
  /** info = local register */
  LOCAL,
  /** info = index of upvalue */
  UPVAL,
  /** info = index of the name constant */
  GLOBAL,
  /** info = table register, aux = index register or constant */
  INDEXED,
  /** info = pc of the test instruction's jump */
  JMP,
  /** info = pc of the instruction whose A is still to be set */
  RELOCABLE,
  /** info = result register */
  NONRELOC,
  /** info = pc of the CALL */
  CALL,
  /** info = pc of the VARARG */
  VARARG,
}

export const NO_JUMP = -1;
/** LUA_MULTRET */
export const MULTRET = -1;
/** lparser.c's MAXSTACK: the highest register a function may use. */
export const MAXSTACK = 250;

export class ExpDesc {
  k: ExpKind;
  info: number;
  aux: number;
  nval: number;
  /** patch list of "exit when true" */
  t: number;
  /** patch list of "exit when false" */
  f: number;
  constructor(k: ExpKind = ExpKind.VOID, info = 0) {
    this.k = k;
    this.info = info;
    this.aux = 0;
    this.nval = 0;
    this.t = NO_JUMP;
    this.f = NO_JUMP;
  }
  init(k: ExpKind, info: number): void {
    this.k = k;
    this.info = info;
    this.t = NO_JUMP;
    this.f = NO_JUMP;
  }
  copyFrom(o: ExpDesc): void {
    this.k = o.k; this.info = o.info; this.aux = o.aux; this.nval = o.nval; this.t = o.t; this.f = o.f;
  }
}

export function hasMultRet(k: ExpKind): boolean {
  return k === ExpKind.CALL || k === ExpKind.VARARG;
}

/** lparser.c's BlockCnt. */
export interface BlockCnt {
  previous: BlockCnt | null;
  /** list of jumps out of this loop */
  breaklist: number;
  /** active locals outside the block */
  nactvar: number;
  /** true if some variable in the block is an upvalue */
  upval: boolean;
  isbreakable: boolean;
}

export interface UpvalDesc { k: ExpKind; info: number }

/** Sentinel key for the nil constant (nilK uses the table itself as key in 5.1). */
const NIL_KEY = Symbol('nil');

/** Binary operators in lcode.h's BinOpr order. */
export const enum BinOpr { ADD, SUB, MUL, DIV, MOD, POW, CONCAT, NE, EQ, LT, LE, GT, GE, AND, OR }
export const enum UnOpr { MINUS, NOT, LEN }

const ARITH_OP: readonly Op[] = [Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.MOD, Op.POW];

export class FuncState {
  readonly f: Proto;
  readonly prev: FuncState | null;
  /** Growable code and line arrays (capacity doubles); the first `pc`
   *  entries are live and finish() copies them into the Proto. An Int32Array
   *  keeps jump-list walks fast (5.1's jump lists are walked to their tail). */
  code = new Int32Array(64);
  lineinfo = new Int32Array(64);
  pc = 0;
  k: Constant[] = [];
  private readonly kcache = new Map<unknown, number>();
  /** pc of the last jump target (a LOADNIL after it must not merge) */
  lasttarget = -1;
  /** list of pending jumps to `pc' */
  jpc = NO_JUMP;
  freereg = 0;
  nactvar = 0;
  /** indices into f.locvars of the active locals */
  actvar: number[] = [];
  upvalues: UpvalDesc[] = [];
  bl: BlockCnt | null = null;
  /** ls->lastline: line stamped on the next instruction. */
  line: number;
  /** The lookahead token (text and line) where the walker knows it, for the
   *  ` near '...'` part of limit errors; undefined elsewhere. */
  near: { text: string; line: number } | undefined = undefined;
  /** The token after the expression being compiled (compile.ts's subexpr). */
  follow: { text: string; line: number } | undefined = undefined;
  /** The token after the statement being compiled (see compile.ts's statList). */
  after: { text: string; line: number } | undefined = undefined;

  constructor(f: Proto, prev: FuncState | null, line: number) {
    this.f = f;
    this.prev = prev;
    this.line = line;
  }

  // ------------------------------------------------------------ emission

  /** luaK_code */
  emit(i: number, line: number): number {
    this.dischargejpc();
    if (this.pc === this.code.length) {
      const code = new Int32Array(this.pc * 2);
      code.set(this.code);
      this.code = code;
      const lineinfo = new Int32Array(this.pc * 2);
      lineinfo.set(this.lineinfo);
      this.lineinfo = lineinfo;
    }
    this.code[this.pc] = i;
    this.lineinfo[this.pc] = line;
    return this.pc++;
  }
  codeABC(o: Op, a: number, b: number, c: number): number {
    return this.emit(encodeABC(o, a, b, c), this.line);
  }
  codeABx(o: Op, a: number, bx: number): number {
    return this.emit(encodeABx(o, a, bx), this.line);
  }
  codeAsBx(o: Op, a: number, sbx: number): number {
    return this.emit(encodeABx(o, a, sbx + MAXARG_SBX), this.line);
  }
  /** luaK_fixline */
  fixline(line: number): void {
    this.lineinfo[this.pc - 1] = line;
  }

  // Field access on emitted instructions (lopcodes.h SETARG_*).
  getOp(pc: number): Op { return (this.code[pc]! & 0x3f) as Op; }
  getA(pc: number): number { return (this.code[pc]! >>> POS_A) & 0xff; }
  getB(pc: number): number { return this.code[pc]! >>> POS_B; }
  getC(pc: number): number { return (this.code[pc]! >>> POS_C) & 0x1ff; }
  setA(pc: number, a: number): void {
    this.code[pc] = (this.code[pc]! & ~(0xff << POS_A)) | (a << POS_A);
  }
  setB(pc: number, b: number): void {
    this.code[pc] = (this.code[pc]! & ~(0x1ff << POS_B)) | (b << POS_B);
  }
  setC(pc: number, c: number): void {
    this.code[pc] = (this.code[pc]! & ~(0x1ff << POS_C)) | (c << POS_C);
  }
  setOp(pc: number, o: Op): void {
    this.code[pc] = (this.code[pc]! & ~0x3f) | o;
  }
  private setSBx(pc: number, sbx: number): void {
    this.code[pc] = (this.code[pc]! & 0x3fff) | ((sbx + MAXARG_SBX) << POS_BX);
  }

  /** luaX_syntaxerror at the current token, as far as the walker knows it. */
  syntaxError(msg: string): never {
    if (this.near !== undefined) compileError(this, msg, this.near.text, this.near.line);
    compileError(this, msg);
  }

  // ------------------------------------------------------------ constants

  private addk(key: unknown, v: Constant): number {
    const found = this.kcache.get(key);
    if (found !== undefined) return found;
    if (this.k.length >= MAXARG_BX) {
      // lua5.1: a plain memory error ("lmem.c"), without chunk or line
      throw new LuaSyntaxError('constant table overflow', this.line);
    }
    this.k.push(v);
    this.kcache.set(key, this.k.length - 1);
    return this.k.length - 1;
  }
  stringK(s: string): number {
    return this.addk(s, intern(s));
  }
  // lua5.1: "return -0, 0" lists LOADK -0 twice: constants are keyed by value
  // and 0 == -0, so the first spelling wins. A JS Map folds -0 into 0 the same way.
  numberK(n: number): number {
    return this.addk(n, n);
  }
  private boolK(b: boolean): number {
    return this.addk(b, b);
  }
  private nilK(): number {
    return this.addk(NIL_KEY, undefined);
  }

  // ------------------------------------------------------------ registers

  /** luaK_checkstack */
  checkstack(n: number): void {
    const newstack = this.freereg + n;
    if (newstack > this.f.maxStackSize) {
      if (newstack >= MAXSTACK) this.syntaxError('function or expression too complex');
      this.f.maxStackSize = newstack;
    }
  }
  reserveregs(n: number): void {
    this.checkstack(n);
    this.freereg += n;
  }
  private freeRegister(reg: number): void {
    if ((reg & BITRK) === 0 && reg >= this.nactvar) {
      this.freereg--;
      if (reg !== this.freereg) throw new Error(`compiler invariant: freed register ${reg}, expected ${this.freereg}`);
    }
  }
  freeexp(e: ExpDesc): void {
    if (e.k === ExpKind.NONRELOC) this.freeRegister(e.info);
  }

  // ------------------------------------------------------------ jumps

  /** luaK_nil: merges with a preceding LOADNIL when no jump lands between. */
  nil(from: number, n: number): void {
    if (this.pc > this.lasttarget) {
      if (this.pc === 0) {
        if (from >= this.nactvar) return;
      } else {
        const prev = this.pc - 1;
        if (this.getOp(prev) === Op.LOADNIL) {
          const pfrom = this.getA(prev);
          const pto = this.getB(prev);
          if (pfrom <= from && from <= pto + 1) {
            if (from + n - 1 > pto) this.setB(prev, from + n - 1);
            return;
          }
        }
      }
    }
    this.codeABC(Op.LOADNIL, from, from + n - 1, 0);
  }

  /** luaK_jump */
  jump(): number {
    const jpc = this.jpc;
    this.jpc = NO_JUMP;
    const j = this.codeAsBx(Op.JMP, 0, NO_JUMP);
    return this.concat(j, jpc);
  }
  ret(first: number, nret: number): void {
    this.codeABC(Op.RETURN, first, nret + 1, 0);
  }
  private condjump(o: Op, a: number, b: number, c: number): number {
    this.codeABC(o, a, b, c);
    return this.jump();
  }
  private fixjump(pc: number, dest: number): void {
    const offset = dest - (pc + 1);
    if (Math.abs(offset) > MAXARG_SBX) this.syntaxError('control structure too long');
    this.setSBx(pc, offset);
  }
  /** luaK_getlabel: marks the current pc as a jump target. */
  getlabel(): number {
    this.lasttarget = this.pc;
    return this.pc;
  }
  private getjump(pc: number): number {
    const offset = (this.code[pc]! >>> POS_BX) - MAXARG_SBX;
    return offset === NO_JUMP ? NO_JUMP : pc + 1 + offset;
  }
  private getjumpcontrol(pc: number): number {
    if (pc >= 1 && OP_INFO[this.getOp(pc - 1)].test) return pc - 1;
    return pc;
  }
  /** Some jump in the list does not produce a value (is not a TESTSET). */
  private needValue(list: number): boolean {
    for (; list !== NO_JUMP; list = this.getjump(list)) {
      if (this.getOp(this.getjumpcontrol(list)) !== Op.TESTSET) return true;
    }
    return false;
  }
  private patchtestreg(node: number, reg: number): boolean {
    const i = this.getjumpcontrol(node);
    if (this.getOp(i) !== Op.TESTSET) return false;
    const b = this.getB(i);
    if (reg !== NO_REG && reg !== b) this.setA(i, reg);
    else this.code[i] = encodeABC(Op.TEST, b, 0, this.getC(i));
    return true;
  }
  private removevalues(list: number): void {
    for (; list !== NO_JUMP; list = this.getjump(list)) this.patchtestreg(list, NO_REG);
  }
  private patchlistaux(list: number, vtarget: number, reg: number, dtarget: number): void {
    while (list !== NO_JUMP) {
      const next = this.getjump(list);
      if (this.patchtestreg(list, reg)) this.fixjump(list, vtarget);
      else this.fixjump(list, dtarget);
      list = next;
    }
  }
  private dischargejpc(): void {
    this.patchlistaux(this.jpc, this.pc, NO_REG, this.pc);
    this.jpc = NO_JUMP;
  }
  patchlist(list: number, target: number): void {
    if (target === this.pc) this.patchtohere(list);
    else this.patchlistaux(list, target, NO_REG, target);
  }
  patchtohere(list: number): void {
    this.getlabel();
    this.jpc = this.concat(this.jpc, list);
  }
  /** luaK_concat: returns the new head of l1. */
  concat(l1: number, l2: number): number {
    if (l2 === NO_JUMP) return l1;
    if (l1 === NO_JUMP) return l2;
    let list = l1;
    let next: number;
    while ((next = this.getjump(list)) !== NO_JUMP) list = next;
    this.fixjump(list, l2);
    return l1;
  }

  // ------------------------------------------------------------ expressions

  setreturns(e: ExpDesc, nresults: number): void {
    if (e.k === ExpKind.CALL) {
      this.setC(e.info, nresults + 1);
    } else if (e.k === ExpKind.VARARG) {
      this.setB(e.info, nresults + 1);
      this.setA(e.info, this.freereg);
      this.reserveregs(1);
    }
  }
  setmultret(e: ExpDesc): void {
    this.setreturns(e, MULTRET);
  }
  setoneret(e: ExpDesc): void {
    if (e.k === ExpKind.CALL) {
      e.k = ExpKind.NONRELOC;
      e.info = this.getA(e.info);
    } else if (e.k === ExpKind.VARARG) {
      this.setB(e.info, 2);
      e.k = ExpKind.RELOCABLE;
    }
  }
  dischargevars(e: ExpDesc): void {
    switch (e.k) {
      case ExpKind.LOCAL:
        e.k = ExpKind.NONRELOC;
        break;
      case ExpKind.UPVAL:
        e.info = this.codeABC(Op.GETUPVAL, 0, e.info, 0);
        e.k = ExpKind.RELOCABLE;
        break;
      case ExpKind.GLOBAL:
        e.info = this.codeABx(Op.GETGLOBAL, 0, e.info);
        e.k = ExpKind.RELOCABLE;
        break;
      case ExpKind.INDEXED:
        this.freeRegister(e.aux);
        this.freeRegister(e.info);
        e.info = this.codeABC(Op.GETTABLE, 0, e.info, e.aux);
        e.k = ExpKind.RELOCABLE;
        break;
      case ExpKind.VARARG:
      case ExpKind.CALL:
        this.setoneret(e);
        break;
      default:
        break;
    }
  }
  private codeLabel(a: number, b: number, jump: number): number {
    this.getlabel();
    return this.codeABC(Op.LOADBOOL, a, b, jump);
  }
  private discharge2reg(e: ExpDesc, reg: number): void {
    this.dischargevars(e);
    switch (e.k) {
      case ExpKind.NIL:
        this.nil(reg, 1);
        break;
      case ExpKind.FALSE:
      case ExpKind.TRUE:
        this.codeABC(Op.LOADBOOL, reg, e.k === ExpKind.TRUE ? 1 : 0, 0);
        break;
      case ExpKind.K:
        this.codeABx(Op.LOADK, reg, e.info);
        break;
      case ExpKind.KNUM:
        this.codeABx(Op.LOADK, reg, this.numberK(e.nval));
        break;
      case ExpKind.RELOCABLE:
        this.setA(e.info, reg);
        break;
      case ExpKind.NONRELOC:
        if (reg !== e.info) this.codeABC(Op.MOVE, reg, e.info, 0);
        break;
      default:
        return; // VVOID or VJMP: nothing to do
    }
    e.info = reg;
    e.k = ExpKind.NONRELOC;
  }
  private discharge2anyreg(e: ExpDesc): void {
    if (e.k !== ExpKind.NONRELOC) {
      this.reserveregs(1);
      this.discharge2reg(e, this.freereg - 1);
    }
  }
  private exp2reg(e: ExpDesc, reg: number): void {
    this.discharge2reg(e, reg);
    if (e.k === ExpKind.JMP) e.t = this.concat(e.t, e.info);
    if (e.t !== e.f) {
      let pf = NO_JUMP;
      let pt = NO_JUMP;
      if (this.needValue(e.t) || this.needValue(e.f)) {
        const fj = e.k === ExpKind.JMP ? NO_JUMP : this.jump();
        pf = this.codeLabel(reg, 0, 1);
        pt = this.codeLabel(reg, 1, 0);
        this.patchtohere(fj);
      }
      const final = this.getlabel();
      this.patchlistaux(e.f, final, reg, pf);
      this.patchlistaux(e.t, final, reg, pt);
    }
    e.f = e.t = NO_JUMP;
    e.info = reg;
    e.k = ExpKind.NONRELOC;
  }
  exp2nextreg(e: ExpDesc): void {
    this.dischargevars(e);
    this.freeexp(e);
    this.reserveregs(1);
    this.exp2reg(e, this.freereg - 1);
  }
  exp2anyreg(e: ExpDesc): number {
    this.dischargevars(e);
    if (e.k === ExpKind.NONRELOC) {
      if (e.t === e.f) return e.info;
      if (e.info >= this.nactvar) {
        this.exp2reg(e, e.info);
        return e.info;
      }
    }
    this.exp2nextreg(e);
    return e.info;
  }
  exp2val(e: ExpDesc): void {
    if (e.t !== e.f) this.exp2anyreg(e);
    else this.dischargevars(e);
  }
  exp2RK(e: ExpDesc): number {
    this.exp2val(e);
    switch (e.k) {
      case ExpKind.KNUM:
      case ExpKind.TRUE:
      case ExpKind.FALSE:
      case ExpKind.NIL:
        if (this.k.length <= MAXINDEXRK) {
          e.info = e.k === ExpKind.NIL ? this.nilK()
            : e.k === ExpKind.KNUM ? this.numberK(e.nval)
            : this.boolK(e.k === ExpKind.TRUE);
          e.k = ExpKind.K;
          return e.info | BITRK;
        }
        break;
      case ExpKind.K:
        if (e.info <= MAXINDEXRK) return e.info | BITRK;
        break;
      default:
        break;
    }
    return this.exp2anyreg(e);
  }
  storevar(v: ExpDesc, ex: ExpDesc): void {
    switch (v.k) {
      case ExpKind.LOCAL:
        this.freeexp(ex);
        this.exp2reg(ex, v.info);
        return;
      case ExpKind.UPVAL: {
        const e = this.exp2anyreg(ex);
        this.codeABC(Op.SETUPVAL, e, v.info, 0);
        break;
      }
      case ExpKind.GLOBAL: {
        const e = this.exp2anyreg(ex);
        this.codeABx(Op.SETGLOBAL, e, v.info);
        break;
      }
      case ExpKind.INDEXED: {
        const e = this.exp2RK(ex);
        this.codeABC(Op.SETTABLE, v.info, v.aux, e);
        break;
      }
      default:
        throw new Error('compiler invariant: invalid assignment target');
    }
    this.freeexp(ex);
  }
  /** luaK_self: `e:key` -> SELF into two fresh registers. */
  self(e: ExpDesc, key: ExpDesc): void {
    this.exp2anyreg(e);
    this.freeexp(e);
    const func = this.freereg;
    this.reserveregs(2);
    this.codeABC(Op.SELF, func, e.info, this.exp2RK(key));
    this.freeexp(key);
    e.info = func;
    e.k = ExpKind.NONRELOC;
  }
  private invertjump(e: ExpDesc): void {
    const pc = this.getjumpcontrol(e.info);
    this.setA(pc, this.getA(pc) === 0 ? 1 : 0);
  }
  private jumponcond(e: ExpDesc, cond: number): number {
    if (e.k === ExpKind.RELOCABLE && this.getOp(e.info) === Op.NOT) {
      const b = this.getB(e.info);
      // remove the NOT and test its operand with the opposite sense
      this.pc--;
      return this.condjump(Op.TEST, b, 0, cond === 0 ? 1 : 0);
    }
    this.discharge2anyreg(e);
    this.freeexp(e);
    return this.condjump(Op.TESTSET, NO_REG, e.info, cond);
  }
  // lua5.1.5 has no "always jump" case for a constant false (nor for a
  // constant true in goiffalse): "x = false and y" loads false and TESTs it.
  goiftrue(e: ExpDesc): void {
    let pc: number;
    this.dischargevars(e);
    switch (e.k) {
      case ExpKind.K:
      case ExpKind.KNUM:
      case ExpKind.TRUE:
        pc = NO_JUMP; // always true: do nothing
        break;
      case ExpKind.JMP:
        this.invertjump(e);
        pc = e.info;
        break;
      default:
        pc = this.jumponcond(e, 0);
        break;
    }
    e.f = this.concat(e.f, pc);
    this.patchtohere(e.t);
    e.t = NO_JUMP;
  }
  private goiffalse(e: ExpDesc): void {
    let pc: number;
    this.dischargevars(e);
    switch (e.k) {
      case ExpKind.NIL:
      case ExpKind.FALSE:
        pc = NO_JUMP;
        break;
      case ExpKind.JMP:
        pc = e.info;
        break;
      default:
        pc = this.jumponcond(e, 1);
        break;
    }
    e.t = this.concat(e.t, pc);
    this.patchtohere(e.f);
    e.f = NO_JUMP;
  }
  private codenot(e: ExpDesc): void {
    this.dischargevars(e);
    switch (e.k) {
      case ExpKind.NIL:
      case ExpKind.FALSE:
        e.k = ExpKind.TRUE;
        break;
      case ExpKind.K:
      case ExpKind.KNUM:
      case ExpKind.TRUE:
        e.k = ExpKind.FALSE;
        break;
      case ExpKind.JMP:
        this.invertjump(e);
        break;
      case ExpKind.RELOCABLE:
      case ExpKind.NONRELOC:
        this.discharge2anyreg(e);
        this.freeexp(e);
        e.info = this.codeABC(Op.NOT, 0, e.info, 0);
        e.k = ExpKind.RELOCABLE;
        break;
      default:
        throw new Error('compiler invariant: cannot happen in codenot');
    }
    const tmp = e.f;
    e.f = e.t;
    e.t = tmp;
    this.removevalues(e.f);
    this.removevalues(e.t);
  }
  /** luaK_indexed */
  indexed(t: ExpDesc, k: ExpDesc): void {
    t.aux = this.exp2RK(k);
    t.k = ExpKind.INDEXED;
  }

  private codearith(op: Op, e1: ExpDesc, e2: ExpDesc): void {
    if (constfolding(op, e1, e2)) return;
    const o2 = op !== Op.UNM && op !== Op.LEN ? this.exp2RK(e2) : 0;
    const o1 = this.exp2RK(e1);
    if (o1 > o2) {
      this.freeexp(e1);
      this.freeexp(e2);
    } else {
      this.freeexp(e2);
      this.freeexp(e1);
    }
    e1.info = this.codeABC(op, 0, o1, o2);
    e1.k = ExpKind.RELOCABLE;
  }
  private codecomp(op: Op, cond: number, e1: ExpDesc, e2: ExpDesc): void {
    let o1 = this.exp2RK(e1);
    let o2 = this.exp2RK(e2);
    this.freeexp(e2);
    this.freeexp(e1);
    if (cond === 0 && op !== Op.EQ) {
      // exchange args to replace by `<' or `<='
      const tmp = o1; o1 = o2; o2 = tmp;
      cond = 1;
    }
    e1.info = this.condjump(op, cond, o1, o2);
    e1.k = ExpKind.JMP;
  }

  /** luaK_prefix */
  prefix(op: UnOpr, e: ExpDesc): void {
    const e2 = new ExpDesc(ExpKind.KNUM, 0);
    e2.nval = 0;
    switch (op) {
      case UnOpr.MINUS:
        if (!isNumeral(e)) this.exp2anyreg(e); // cannot operate on non-numeric constants
        this.codearith(Op.UNM, e, e2);
        break;
      case UnOpr.NOT:
        this.codenot(e);
        break;
      case UnOpr.LEN:
        this.exp2anyreg(e); // cannot operate on constants
        this.codearith(Op.LEN, e, e2);
        break;
    }
  }
  /** luaK_infix: prepares the left operand once the operator is read. */
  infix(op: BinOpr, v: ExpDesc): void {
    switch (op) {
      case BinOpr.AND:
        this.goiftrue(v);
        break;
      case BinOpr.OR:
        this.goiffalse(v);
        break;
      case BinOpr.CONCAT:
        this.exp2nextreg(v); // operand must be on the `stack'
        break;
      case BinOpr.ADD: case BinOpr.SUB: case BinOpr.MUL:
      case BinOpr.DIV: case BinOpr.MOD: case BinOpr.POW:
        if (!isNumeral(v)) this.exp2RK(v);
        break;
      default:
        this.exp2RK(v);
        break;
    }
  }
  /** luaK_posfix */
  posfix(op: BinOpr, e1: ExpDesc, e2: ExpDesc): void {
    switch (op) {
      case BinOpr.AND:
        this.dischargevars(e2);
        e2.f = this.concat(e2.f, e1.f);
        e1.copyFrom(e2);
        break;
      case BinOpr.OR:
        this.dischargevars(e2);
        e2.t = this.concat(e2.t, e1.t);
        e1.copyFrom(e2);
        break;
      case BinOpr.CONCAT:
        this.exp2val(e2);
        if (e2.k === ExpKind.RELOCABLE && this.getOp(e2.info) === Op.CONCAT) {
          this.freeexp(e1);
          this.setB(e2.info, e1.info);
          e1.k = ExpKind.RELOCABLE;
          e1.info = e2.info;
        } else {
          this.exp2nextreg(e2);
          this.codearith(Op.CONCAT, e1, e2);
        }
        break;
      case BinOpr.ADD: case BinOpr.SUB: case BinOpr.MUL:
      case BinOpr.DIV: case BinOpr.MOD: case BinOpr.POW:
        this.codearith(ARITH_OP[op]!, e1, e2);
        break;
      case BinOpr.EQ: this.codecomp(Op.EQ, 1, e1, e2); break;
      case BinOpr.NE: this.codecomp(Op.EQ, 0, e1, e2); break;
      case BinOpr.LT: this.codecomp(Op.LT, 1, e1, e2); break;
      case BinOpr.LE: this.codecomp(Op.LE, 1, e1, e2); break;
      case BinOpr.GT: this.codecomp(Op.LT, 0, e1, e2); break;
      case BinOpr.GE: this.codecomp(Op.LE, 0, e1, e2); break;
    }
  }

  /** luaK_setlist: flush `tostore` array items (MULTRET: up to the top). */
  setlist(base: number, nelems: number, tostore: number): void {
    const c = Math.floor((nelems - 1) / LFIELDS_PER_FLUSH) + 1;
    const b = tostore === MULTRET ? 0 : tostore;
    if (c <= MAXARG_C) {
      this.codeABC(Op.SETLIST, base, b, c);
    } else {
      // C == 0: the block number sits in the next word, a raw integer.
      this.codeABC(Op.SETLIST, base, b, 0);
      this.emit(c, this.line);
    }
    this.freereg = base + 1;
  }

  /** Copies the growable arrays into the Proto. */
  finish(): void {
    const f = this.f;
    f.code = this.code.slice(0, this.pc);
    f.lineinfo = this.lineinfo.slice(0, this.pc);
    f.k = this.k;
    f.numUpvalues = this.upvalues.length;
  }
}

function isNumeral(e: ExpDesc): boolean {
  return e.k === ExpKind.KNUM && e.t === NO_JUMP && e.f === NO_JUMP;
}

// Folds only where lcode.c's constfolding does: both operands numerals, no
// division or modulo by zero, and never a NaN result (so `0/0` stays code).
function constfolding(op: Op, e1: ExpDesc, e2: ExpDesc): boolean {
  if (!isNumeral(e1) || !isNumeral(e2)) return false;
  const v1 = e1.nval;
  const v2 = e2.nval;
  let r: number;
  switch (op) {
    case Op.ADD: r = v1 + v2; break;
    case Op.SUB: r = v1 - v2; break;
    case Op.MUL: r = v1 * v2; break;
    case Op.DIV:
      if (v2 === 0) return false;
      r = v1 / v2;
      break;
    case Op.MOD:
      if (v2 === 0) return false;
      r = v1 - Math.floor(v1 / v2) * v2;
      break;
    case Op.POW: r = cPow(v1, v2); break; // luai_numpow: C's pow, as the VM's ^
    case Op.UNM: r = -v1; break;
    default: return false; // LEN, CONCAT: no folding
  }
  if (Number.isNaN(r)) return false;
  e1.nval = r;
  return true;
}

/** luaO_int2fb: a table size hint as a "floating point byte" (eeeeexxx). */
export function int2fb(x: number): number {
  let e = 0;
  while (x >= 16) {
    x = (x + 1) >>> 1;
    e++;
  }
  if (x < 8) return x;
  return ((e + 1) << 3) | (x - 8);
}
