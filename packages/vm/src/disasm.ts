// The disassembler: `luac5.1 -l` (and `-l -l`) listings of a Proto.
//
// Layout, operand printing and `; comments` follow luac 5.1's print.c byte
// for byte, quirks included: MOD gets no constant comment, GETGLOBAL names
// print unquoted, strings escape non-printable bytes as \ddd, numbers print
// with %.14g (number.ts). The one thing we cannot reproduce is the C heap address luac
// prints for each function; we print a stable fake address per function
// (tests normalise addresses, as they vary between luac runs too).

import { Op, OP_INFO, OpArg, OpFormat, BITRK, MAXARG_SBX, POS_A, POS_B, POS_C, POS_BX } from './opcodes.js';
import type { Proto, Constant } from './proto.js';
import { numberToString } from './number.js';

export interface ListingOptions {
  /** `-l -l`: also list constants, locals and upvalues. */
  full?: boolean;
}

/** The `luac5.1 -l` listing of `proto` and its nested functions. */
export function listing(proto: Proto, options: ListingOptions = {}): string {
  const out: string[] = [];
  const addresses = new Map<Proto, string>();
  const addressOf = (p: Proto): string => {
    let a = addresses.get(p);
    if (a === undefined) {
      a = '0x' + (0x55d0c0de0000 + addresses.size * 0x1c0).toString(16);
      addresses.set(p, a);
    }
    return a;
  };
  printFunction(proto, options.full === true, out, addressOf);
  return out.join('');
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

function printFunction(f: Proto, full: boolean, out: string[], addressOf: (p: Proto) => string): void {
  printHeader(f, out, addressOf);
  printCode(f, out, addressOf);
  if (full) printDebug(f, out, addressOf);
  for (const p of f.p) printFunction(p, full, out, addressOf);
}

function printHeader(f: Proto, out: string[], addressOf: (p: Proto) => string): void {
  let s = f.source;
  if (s.startsWith('@') || s.startsWith('=')) s = s.slice(1);
  else if (s.startsWith('\x1bLua')) s = '(bstring)';
  else s = '(string)';
  const n = f.code.length;
  out.push(`\n${f.lineDefined === 0 ? 'main' : 'function'} <${s}:${f.lineDefined},${f.lastLineDefined}> ` +
    `(${n} instruction${plural(n)}, ${n * 4} bytes at ${addressOf(f)})\n`);
  out.push(`${f.numParams}${f.isVararg !== 0 ? '+' : ''} param${plural(f.numParams)}, ` +
    `${f.maxStackSize} slot${plural(f.maxStackSize)}, ${f.numUpvalues} upvalue${plural(f.numUpvalues)}, `);
  out.push(`${f.locvars.length} local${plural(f.locvars.length)}, ${f.k.length} constant${plural(f.k.length)}, ` +
    `${f.p.length} function${plural(f.p.length)}\n`);
}

/** RK operand as print.c shows it: constants as -1-index. */
function rk(x: number): number {
  return (x & BITRK) !== 0 ? -1 - (x & ~BITRK) : x;
}

function printCode(f: Proto, out: string[], addressOf: (p: Proto) => string): void {
  const code = f.code;
  const n = code.length;
  for (let pc = 0; pc < n; pc++) {
    const i = code[pc]!;
    const o = (i & 0x3f) as Op;
    const a = (i >>> POS_A) & 0xff;
    const b = i >>> POS_B;
    const c = (i >>> POS_C) & 0x1ff;
    const bx = i >>> POS_BX;
    const sbx = bx - MAXARG_SBX;
    const line = f.lineinfo[pc] ?? 0;
    const info = OP_INFO[o];
    if (info === undefined) {
      out.push(`\t${pc + 1}\t${line > 0 ? `[${line}]` : '[-]'}\t? (${i})\n`);
      continue;
    }
    let s = `\t${pc + 1}\t${line > 0 ? `[${line}]` : '[-]'}\t${info.name.padEnd(9)}\t`;
    switch (info.format) {
      case OpFormat.ABC:
        s += `${a}`;
        if (info.b !== OpArg.N) s += ` ${rk(b)}`;
        if (info.c !== OpArg.N) s += ` ${rk(c)}`;
        break;
      case OpFormat.ABx:
        s += info.b === OpArg.K ? `${a} ${-1 - bx}` : `${a} ${bx}`;
        break;
      case OpFormat.AsBx:
        s += o === Op.JMP ? `${sbx}` : `${a} ${sbx}`;
        break;
    }
    switch (o) {
      case Op.LOADK:
        s += '\t; ' + constantText(f.k[bx]);
        break;
      case Op.GETUPVAL:
      case Op.SETUPVAL:
        s += '\t; ' + (f.upvalueNames.length > 0 ? f.upvalueNames[b] ?? '' : '-');
        break;
      case Op.GETGLOBAL:
      case Op.SETGLOBAL: {
        // printf("%s", svalue(k)): unquoted, and C stops at a NUL byte
        const name = String(f.k[bx]);
        const nul = name.indexOf('\0');
        s += '\t; ' + (nul >= 0 ? name.slice(0, nul) : name);
        break;
      }
      case Op.GETTABLE:
      case Op.SELF:
        if ((c & BITRK) !== 0) s += '\t; ' + constantText(f.k[c & ~BITRK]);
        break;
      case Op.SETTABLE: case Op.ADD: case Op.SUB: case Op.MUL: case Op.DIV: case Op.POW:
      case Op.EQ: case Op.LT: case Op.LE:
        // lua5.1's print.c leaves OP_MOD out of this list: "x % 2" gets no comment
        if ((b & BITRK) !== 0 || (c & BITRK) !== 0) {
          s += '\t; ' + ((b & BITRK) !== 0 ? constantText(f.k[b & ~BITRK]) : '-') + ' ' +
            ((c & BITRK) !== 0 ? constantText(f.k[c & ~BITRK]) : '-');
        }
        break;
      case Op.JMP:
      case Op.FORLOOP:
      case Op.FORPREP:
        s += `\t; to ${sbx + pc + 2}`;
        break;
      case Op.CLOSURE: {
        const p = f.p[bx];
        s += '\t; ' + (p === undefined ? '(nil)' : addressOf(p));
        break;
      }
      case Op.SETLIST:
        if (c === 0) s += `\t; ${code[++pc] ?? 0}`;
        else s += `\t; ${c}`;
        break;
      default:
        break;
    }
    out.push(s + '\n');
  }
}

function printDebug(f: Proto, out: string[], addressOf: (p: Proto) => string): void {
  const addr = addressOf(f);
  out.push(`constants (${f.k.length}) for ${addr}:\n`);
  f.k.forEach((k, i) => out.push(`\t${i + 1}\t${constantText(k)}\n`));
  out.push(`locals (${f.locvars.length}) for ${addr}:\n`);
  f.locvars.forEach((v, i) => out.push(`\t${i}\t${v.name}\t${v.startpc + 1}\t${v.endpc + 1}\n`));
  out.push(`upvalues (${f.upvalueNames.length}) for ${addr}:\n`);
  f.upvalueNames.forEach((name, i) => out.push(`\t${i}\t${name}\n`));
}

/** print.c's PrintConstant. */
export function constantText(k: Constant): string {
  switch (typeof k) {
    case 'undefined': return 'nil';
    case 'boolean': return k ? 'true' : 'false';
    case 'number': return numberToString(k); // LUAI_NUMFFORMAT, %.14g
    default: return quoteString(k);
  }
}

/** print.c's PrintString: C escapes for the usual controls, \ddd for other
 *  non-printable bytes (C locale isprint: 0x20..0x7e). */
function quoteString(s: string): string {
  let r = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x22: r += '\\"'; break;
      case 0x5c: r += '\\\\'; break;
      case 0x07: r += '\\a'; break;
      case 0x08: r += '\\b'; break;
      case 0x0c: r += '\\f'; break;
      case 0x0a: r += '\\n'; break;
      case 0x0d: r += '\\r'; break;
      case 0x09: r += '\\t'; break;
      case 0x0b: r += '\\v'; break;
      default:
        if (c >= 0x20 && c <= 0x7e) r += s[i];
        else r += '\\' + String(c & 0xff).padStart(3, '0');
    }
  }
  return r + '"';
}
