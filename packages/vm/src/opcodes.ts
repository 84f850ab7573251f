// The instruction set: the only place an opcode is declared.
//
// Lua 5.1's instruction set and encoding, so that listings diff against
// `luac5.1 -l` and Lua's rules for naming variables in error messages work
// on our bytecode. An instruction is a 32-bit word:
//
//   bits  0..5   opcode
//   bits  6..13  A  (8 bits)
//   bits 14..22  C  (9 bits)
//   bits 23..31  B  (9 bits)
//   bits 14..31  Bx (18 bits, unsigned) / sBx = Bx - MAXARG_sBX
//
// Stored in an Int32Array, so B and Bx must be read with `>>>`, never `>>`.
// An RK operand (B or C) with bit 8 set (x >= BITRK) names constant
// x - BITRK; otherwise it names register x.

export const enum Op {
  MOVE, LOADK, LOADBOOL, LOADNIL, GETUPVAL, GETGLOBAL, GETTABLE, SETGLOBAL,
  SETUPVAL, SETTABLE, NEWTABLE, SELF, ADD, SUB, MUL, DIV, MOD, POW, UNM, NOT,
  LEN, CONCAT, JMP, EQ, LT, LE, TEST, TESTSET, CALL, TAILCALL, RETURN,
  FORLOOP, FORPREP, TFORLOOP, SETLIST, CLOSE, CLOSURE, VARARG,
}

export const NUM_OPCODES = 38;

export const enum OpFormat { ABC, ABx, AsBx }

/** How an operand is used (lopcodes.h's OpArgMask). */
export const enum OpArg {
  /** not used */
  N,
  /** used, but not a register or constant (a count, a flag, an index) */
  U,
  /** a register, or a jump offset */
  R,
  /** a constant, or an RK operand (register or constant) */
  K,
}

export interface OpInfo {
  name: string;
  format: OpFormat;
  /** The instruction is a test: the next instruction is a jump (lopcodes.c's T flag). */
  test: boolean;
  /** The instruction writes register A (lopcodes.c's A flag). */
  setsA: boolean;
  b: OpArg;
  c: OpArg;
  doc: string;
}

const { ABC, ABx, AsBx } = { ABC: OpFormat.ABC, ABx: OpFormat.ABx, AsBx: OpFormat.AsBx };
const { N, U, R, K } = { N: OpArg.N, U: OpArg.U, R: OpArg.R, K: OpArg.K };

function row(name: string, test: 0 | 1, setsA: 0 | 1, b: OpArg, c: OpArg, format: OpFormat, doc: string): OpInfo {
  return { name, format, test: test === 1, setsA: setsA === 1, b, c, doc };
}

// Modes as in lopcodes.c (opmode(T, A, B, C, mode)); `doc` as in lopcodes.h.
export const OP_INFO: Readonly<Record<Op, OpInfo>> = {
  [Op.MOVE]:     row('MOVE',     0, 1, R, N, ABC,  'R(A) := R(B)'),
  [Op.LOADK]:    row('LOADK',    0, 1, K, N, ABx,  'R(A) := Kst(Bx)'),
  [Op.LOADBOOL]: row('LOADBOOL', 0, 1, U, U, ABC,  'R(A) := (Bool)B; if (C) pc++'),
  [Op.LOADNIL]:  row('LOADNIL',  0, 1, R, N, ABC,  'R(A) := ... := R(B) := nil'),
  [Op.GETUPVAL]: row('GETUPVAL', 0, 1, U, N, ABC,  'R(A) := UpValue[B]'),
  [Op.GETGLOBAL]:row('GETGLOBAL',0, 1, K, N, ABx,  'R(A) := Gbl[Kst(Bx)]'),
  [Op.GETTABLE]: row('GETTABLE', 0, 1, R, K, ABC,  'R(A) := R(B)[RK(C)]'),
  [Op.SETGLOBAL]:row('SETGLOBAL',0, 0, K, N, ABx,  'Gbl[Kst(Bx)] := R(A)'),
  [Op.SETUPVAL]: row('SETUPVAL', 0, 0, U, N, ABC,  'UpValue[B] := R(A)'),
  [Op.SETTABLE]: row('SETTABLE', 0, 0, K, K, ABC,  'R(A)[RK(B)] := RK(C)'),
  [Op.NEWTABLE]: row('NEWTABLE', 0, 1, U, U, ABC,  'R(A) := {} (size = B,C)'),
  [Op.SELF]:     row('SELF',     0, 1, R, K, ABC,  'R(A+1) := R(B); R(A) := R(B)[RK(C)]'),
  [Op.ADD]:      row('ADD',      0, 1, K, K, ABC,  'R(A) := RK(B) + RK(C)'),
  [Op.SUB]:      row('SUB',      0, 1, K, K, ABC,  'R(A) := RK(B) - RK(C)'),
  [Op.MUL]:      row('MUL',      0, 1, K, K, ABC,  'R(A) := RK(B) * RK(C)'),
  [Op.DIV]:      row('DIV',      0, 1, K, K, ABC,  'R(A) := RK(B) / RK(C)'),
  [Op.MOD]:      row('MOD',      0, 1, K, K, ABC,  'R(A) := RK(B) % RK(C)'),
  [Op.POW]:      row('POW',      0, 1, K, K, ABC,  'R(A) := RK(B) ^ RK(C)'),
  [Op.UNM]:      row('UNM',      0, 1, R, N, ABC,  'R(A) := -R(B)'),
  [Op.NOT]:      row('NOT',      0, 1, R, N, ABC,  'R(A) := not R(B)'),
  [Op.LEN]:      row('LEN',      0, 1, R, N, ABC,  'R(A) := length of R(B)'),
  [Op.CONCAT]:   row('CONCAT',   0, 1, R, R, ABC,  'R(A) := R(B).. ... ..R(C)'),
  [Op.JMP]:      row('JMP',      0, 0, R, N, AsBx, 'pc+=sBx'),
  [Op.EQ]:       row('EQ',       1, 0, K, K, ABC,  'if ((RK(B) == RK(C)) ~= A) then pc++'),
  [Op.LT]:       row('LT',       1, 0, K, K, ABC,  'if ((RK(B) <  RK(C)) ~= A) then pc++'),
  [Op.LE]:       row('LE',       1, 0, K, K, ABC,  'if ((RK(B) <= RK(C)) ~= A) then pc++'),
  [Op.TEST]:     row('TEST',     1, 1, R, U, ABC,  'if not (R(A) <=> C) then pc++'),
  [Op.TESTSET]:  row('TESTSET',  1, 1, R, U, ABC,  'if (R(B) <=> C) then R(A) := R(B) else pc++'),
  [Op.CALL]:     row('CALL',     0, 1, U, U, ABC,  'R(A), ... ,R(A+C-2) := R(A)(R(A+1), ... ,R(A+B-1))'),
  [Op.TAILCALL]: row('TAILCALL', 0, 1, U, U, ABC,  'return R(A)(R(A+1), ... ,R(A+B-1))'),
  [Op.RETURN]:   row('RETURN',   0, 0, U, N, ABC,  'return R(A), ... ,R(A+B-2)'),
  [Op.FORLOOP]:  row('FORLOOP',  0, 1, R, N, AsBx, 'R(A)+=R(A+2); if R(A) <?= R(A+1) then { pc+=sBx; R(A+3)=R(A) }'),
  [Op.FORPREP]:  row('FORPREP',  0, 1, R, N, AsBx, 'R(A)-=R(A+2); pc+=sBx'),
  [Op.TFORLOOP]: row('TFORLOOP', 1, 0, N, U, ABC,  'R(A+3), ... ,R(A+2+C) := R(A)(R(A+1), R(A+2)); if R(A+3) ~= nil then R(A+2)=R(A+3) else pc++'),
  [Op.SETLIST]:  row('SETLIST',  0, 0, U, U, ABC,  'R(A)[(C-1)*FPF+i] := R(A+i), 1 <= i <= B'),
  [Op.CLOSE]:    row('CLOSE',    0, 0, N, N, ABC,  'close all variables in the stack up to (>=) R(A)'),
  [Op.CLOSURE]:  row('CLOSURE',  0, 1, U, N, ABx,  'R(A) := closure(KPROTO[Bx], R(A), ... ,R(A+n))'),
  [Op.VARARG]:   row('VARARG',   0, 1, U, N, ABC,  'R(A), R(A+1), ..., R(A+B-1) = vararg'),
};

// Operand sizes and limits (lopcodes.h).
export const SIZE_OP = 6;
export const SIZE_A = 8;
export const SIZE_B = 9;
export const SIZE_C = 9;
export const SIZE_BX = 18;
export const POS_A = 6;
export const POS_C = 14;
export const POS_B = 23;
export const POS_BX = 14;
export const MAXARG_A = 255;
export const MAXARG_B = 511;
export const MAXARG_C = 511;
export const MAXARG_BX = 262143;
export const MAXARG_SBX = 131071;
/** RK operands at or above BITRK name constants. */
export const BITRK = 256;
/** The largest constant index an RK operand can name. */
export const MAXINDEXRK = 255;
/** Array items flushed per SETLIST (LFIELDS_PER_FLUSH). */
export const LFIELDS_PER_FLUSH = 50;
/** Value of B/C meaning "up to the stack top" (LUA_MULTRET + 1). */
export const NO_REG = MAXARG_A;

// Encoding and decoding. Hot code inlines the shifts instead of calling these.
export function encodeABC(op: Op, a: number, b: number, c: number): number {
  return (op | (a << POS_A) | (c << POS_C) | (b << POS_B)) | 0;
}
export function encodeABx(op: Op, a: number, bx: number): number {
  return (op | (a << POS_A) | (bx << POS_BX)) | 0;
}
export function encodeAsBx(op: Op, a: number, sbx: number): number {
  return encodeABx(op, a, sbx + MAXARG_SBX);
}
export function getOp(i: number): Op { return (i & 0x3f) as Op; }
export function getA(i: number): number { return (i >>> POS_A) & 0xff; }
export function getB(i: number): number { return i >>> POS_B; }
export function getC(i: number): number { return (i >>> POS_C) & 0x1ff; }
export function getBx(i: number): number { return i >>> POS_BX; }
export function getSBx(i: number): number { return (i >>> POS_BX) - MAXARG_SBX; }
export function isK(x: number): boolean { return (x & BITRK) !== 0; }
export function indexK(x: number): number { return x & ~BITRK; }
