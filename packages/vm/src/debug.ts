// Debug information derived from bytecode, as ldebug.c does: current line,
// variable names for error messages (getobjname's symbolic execution over
// the proto), the name a function was called by (getfuncname), chunk ids
// and tracebacks. Nothing here runs on the hot path: only when an error
// message or a traceback is built.

import { OP_INFO, Op, OpFormat, MAXARG_SBX } from './opcodes.js';
import type { Proto } from './proto.js';
import type { LuaState, CallFrame } from './state.js';
import { chunkId } from '@valua/parser';

const NO_REG = 255;
export { chunkId };

/** The instruction a Lua frame is executing (5.1's currentpc). */
export function currentPc(f: CallFrame): number {
  return f.savedpc - 1;
}

/** Line of the instruction a frame is executing; -1 for host frames, 0
 *  without line info (a stripped binary chunk: 5.1's getline). */
export function currentLine(f: CallFrame): number {
  const cl = f.closure;
  if (cl === undefined) return -1;
  const pc = currentPc(f);
  return pc >= 0 ? (cl.proto.lineinfo[pc] ?? 0) : -1;
}

/** luaF_getlocalname: the name of the n-th (1-based) active local at pc. */
export function localName(p: Proto, n: number, pc: number): string | undefined {
  const lv = p.locvars;
  for (let i = 0; i < lv.length && lv[i]!.startpc <= pc; i++) {
    const v = lv[i]!;
    if (pc < v.endpc) {
      n--;
      if (n === 0) return v.name;
    }
  }
  return undefined;
}

/** symbexec: the last instruction before lastpc that set register `reg`. */
function symbexec(p: Proto, lastpc: number, reg: number): number {
  const code = p.code;
  let last = code.length - 1;
  for (let pc = 0; pc < lastpc; pc++) {
    const i = code[pc]!;
    const op = (i & 0x3f) as Op;
    const a = (i >>> 6) & 0xff;
    const info = OP_INFO[op];
    let b = 0;
    let c = 0;
    if (info.format === OpFormat.ABC) { b = i >>> 23; c = (i >>> 14) & 0x1ff; }
    else if (info.format === OpFormat.ABx) b = i >>> 14;
    else b = (i >>> 14) - MAXARG_SBX;
    if (info.setsA && a === reg) last = pc;
    switch (op) {
      case Op.LOADNIL:
        if (a <= reg && reg <= b) last = pc;
        break;
      case Op.SELF:
        if (reg === a + 1) last = pc;
        break;
      case Op.TFORLOOP:
        if (reg >= a + 3) last = pc;
        break;
      case Op.FORLOOP:
      case Op.FORPREP:
      case Op.JMP: {
        const dest = pc + 1 + b;
        if (reg !== NO_REG && pc < dest && dest <= lastpc) pc += b;
        break;
      }
      case Op.CALL:
      case Op.TAILCALL:
        if (reg >= a) last = pc;
        break;
      case Op.SETLIST:
        if (c === 0) pc++;
        break;
      case Op.CLOSURE:
        if (reg !== NO_REG) pc += p.p[b]?.numUpvalues ?? 0;
        break;
      default:
        break;
    }
  }
  return code[last] ?? 0;
}

function kname(p: Proto, c: number): string {
  if (c >= 256) {
    const k = p.k[c - 256];
    if (typeof k === 'string') return k;
  }
  return '?';
}

/**
 * getobjname: how register `reg` of a Lua frame got its value:
 * ["local", "x"], ["global", "f"], ["field", "y"], ["upvalue", "u"],
 * ["method", "m"], or undefined.
 */
export function objName(p: Proto, pc: number, reg: number): [string, string] | undefined {
  const local = localName(p, reg + 1, pc);
  if (local !== undefined) return ['local', local];
  const i = symbexec(p, pc, reg);
  const a = (i >>> 6) & 0xff;
  switch ((i & 0x3f) as Op) {
    case Op.GETGLOBAL: {
      const k = p.k[i >>> 14];
      return ['global', typeof k === 'string' ? k : '?'];
    }
    case Op.MOVE: {
      const b = i >>> 23;
      if (b < a) return objName(p, pc, b);
      return undefined;
    }
    case Op.GETTABLE:
      return ['field', kname(p, (i >>> 14) & 0x1ff)];
    case Op.GETUPVAL:
      return ['upvalue', p.upvalueNames[i >>> 23] ?? '?'];
    case Op.SELF:
      return ['method', kname(p, (i >>> 14) & 0x1ff)];
    default:
      return undefined;
  }
}

/**
 * getfuncname: the name the function of frame `ci` was called by, from the
 * calling instruction of the frame below; undefined when the caller is a
 * host function, the frame was tail called, or the call was a metamethod.
 */
export function funcName(L: LuaState, ci: number): [string, string] | undefined {
  const f = L.frames[ci];
  const caller = L.frames[ci - 1];
  if (f === undefined || caller === undefined || ci <= 0) return undefined;
  if ((f.closure !== undefined && f.tailcalls > 0) || caller.closure === undefined) return undefined;
  const p = caller.closure.proto;
  const pc = currentPc(caller);
  const i = p.code[pc];
  if (i === undefined) return undefined;
  const op = (i & 0x3f) as Op;
  if (op === Op.CALL || op === Op.TAILCALL || op === Op.TFORLOOP) return objName(p, pc, (i >>> 6) & 0xff);
  return undefined;
}

/**
 * lua_getstack: the frame index `level` levels below the running one
 * (0 = running), counting tail calls as levels as 5.1 does; -1 when the
 * level is beyond the stack, -2 when it lands on a lost tail call.
 */
export function frameAtLevel(L: LuaState, level: number): number {
  let ci = L.ci;
  for (; level > 0 && ci > 0; ci--) {
    level--;
    const f = L.frames[ci]!;
    if (f.closure !== undefined) level -= f.tailcalls;
  }
  if (level === 0 && ci > 0) return ci;
  if (level < 0) return -2;
  return -1;
}

/** luaL_where(L, level): "chunk:line: " of a Lua frame, "" otherwise. */
export function where(L: LuaState, level: number): string {
  const ci = frameAtLevel(L, level);
  if (ci < 0) return '';
  const f = L.frames[ci]!;
  const line = currentLine(f);
  if (line > 0 && f.closure !== undefined) return `${chunkId(f.closure.proto.source)}:${line}: `;
  return '';
}

const LEVELS1 = 12;
const LEVELS2 = 10;

/**
 * db_errorfunc / debug.traceback: msg (if any) followed by
 * "stack traceback:" and one line per level from `level`, as lua5.1
 * prints it, with "..." after the first 12 levels when more than 22.
 */
export function traceback(L: LuaState, msg: string | undefined, level: number): string {
  let out = msg !== undefined ? msg + '\n' : '';
  out += 'stack traceback:';
  let first = true;
  for (;;) {
    const ci = frameAtLevel(L, level++);
    if (ci === -1) break;
    if (level > LEVELS1 && first) {
      // More than LEVELS2 further levels: print "..." and skip to them.
      if (frameAtLevel(L, level + LEVELS2) === -1) level--;
      else {
        out += '\n\t...';
        while (frameAtLevel(L, level + LEVELS2) !== -1) level++;
      }
      first = false;
      continue;
    }
    out += '\n\t';
    if (ci === -2) {
      out += '(tail call): ?';
      continue;
    }
    const f = L.frames[ci]!;
    const cl = f.closure;
    const src = cl === undefined ? '[C]' : chunkId(cl.proto.source);
    out += src + ':';
    const line = currentLine(f);
    if (line > 0) out += line + ':';
    const nm = funcName(L, ci);
    if (nm !== undefined) out += ` in function '${nm[1]}'`;
    else if (cl === undefined) out += ' ?';
    else if (cl.proto.lineDefined === 0) out += ' in main chunk';
    else out += ` in function <${src}:${cl.proto.lineDefined}>`;
  }
  return out;
}
