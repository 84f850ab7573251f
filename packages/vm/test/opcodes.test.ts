import fc from 'fast-check';
import {
  Op, OP_INFO, NUM_OPCODES, OpFormat, encodeABC, encodeABx, encodeAsBx,
  getOp, getA, getB, getC, getBx, getSBx, MAXARG_A, MAXARG_B, MAXARG_C, MAXARG_BX, MAXARG_SBX,
} from '../src/opcodes.js';

describe('opcodes', () => {
  test('every opcode has a row, in Lua 5.1 order', () => {
    const names = [];
    for (let op = 0; op < NUM_OPCODES; op++) names.push(OP_INFO[op as Op].name);
    expect(names.join(' ')).toBe(
      'MOVE LOADK LOADBOOL LOADNIL GETUPVAL GETGLOBAL GETTABLE SETGLOBAL SETUPVAL SETTABLE ' +
      'NEWTABLE SELF ADD SUB MUL DIV MOD POW UNM NOT LEN CONCAT JMP EQ LT LE TEST TESTSET ' +
      'CALL TAILCALL RETURN FORLOOP FORPREP TFORLOOP SETLIST CLOSE CLOSURE VARARG');
  });

  test('ABC fields round-trip through an Int32Array', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: NUM_OPCODES - 1 }), fc.integer({ min: 0, max: MAXARG_A }),
      fc.integer({ min: 0, max: MAXARG_B }), fc.integer({ min: 0, max: MAXARG_C }),
      (op, a, b, c) => {
        const code = Int32Array.of(encodeABC(op as Op, a, b, c));
        const i = code[0]!;
        return getOp(i) === op && getA(i) === a && getB(i) === b && getC(i) === c;
      }));
  });

  test('Bx and sBx round-trip', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAXARG_BX }), (bx) => {
      const i = Int32Array.of(encodeABx(Op.LOADK, 7, bx))[0]!;
      return getBx(i) === bx && getA(i) === 7 && getOp(i) === Op.LOADK;
    }));
    fc.assert(fc.property(fc.integer({ min: -MAXARG_SBX, max: MAXARG_SBX }), (sbx) => {
      const i = Int32Array.of(encodeAsBx(Op.JMP, 0, sbx))[0]!;
      return getSBx(i) === sbx;
    }));
  });

  test('formats of the jump and constant instructions', () => {
    expect(OP_INFO[Op.JMP].format).toBe(OpFormat.AsBx);
    expect(OP_INFO[Op.LOADK].format).toBe(OpFormat.ABx);
    expect(OP_INFO[Op.EQ].test).toBe(true);
  });
});
