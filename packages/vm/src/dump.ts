// The binary chunk of string.dump and valuac: Lua 5.1's ldump.c format for
// x86-64 (little endian, 4-byte int, 8-byte size_t, 4-byte instructions,
// 8-byte double numbers), byte for byte as lua5.1 and luac5.1 write it;
// `strip` (luac -s) leaves out the source name, line info, local and
// upvalue names. A dumped function begins "\27LuaQ\0", which Valkey's
// loadstring reports as
// `[string "\27LuaQ"]:1: unexpected symbol near 'char(27)'`; undump.ts reads it back.
//
// Invariant: the output is a byte string (one byte per code unit).

import type { Proto } from './proto.js';
import { CHUNK_HEADER } from './undump.js';

class ByteWriter {
  private parts: string[] = [];
  private readonly f64 = new Float64Array(1);
  private readonly b8 = new Uint8Array(this.f64.buffer);

  raw(s: string): void {
    this.parts.push(s);
  }

  byte(b: number): void {
    this.parts.push(String.fromCharCode(b & 0xff));
  }

  int(n: number): void {
    this.parts.push(String.fromCharCode(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff));
  }

  sizeT(n: number): void {
    this.int(n);
    this.int(Math.floor(n / 4294967296));
  }

  number(x: number): void {
    this.f64[0] = x;
    const b = this.b8;
    // Float64Array follows the host's byte order; the chunk says little endian
    const le = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
    let s = '';
    for (let i = 0; i < 8; i++) s += String.fromCharCode(b[le ? i : 7 - i]!);
    this.parts.push(s);
  }

  /** DumpString: size including the terminating NUL, then the bytes and NUL; 0 for NULL. */
  string(s: string | undefined): void {
    if (s === undefined) {
      this.sizeT(0);
      return;
    }
    this.sizeT(s.length + 1);
    this.parts.push(s, '\0');
  }

  result(): string {
    return this.parts.join('');
  }
}

function dumpFunction(w: ByteWriter, f: Proto, parentSource: string | undefined, strip: boolean): void {
  // nested functions share their parent's source: 5.1 writes NULL for them
  w.string(f.source === parentSource || strip ? undefined : f.source);
  w.int(f.lineDefined);
  w.int(f.lastLineDefined);
  w.byte(f.numUpvalues);
  w.byte(f.numParams);
  w.byte(f.isVararg);
  w.byte(f.maxStackSize);
  w.int(f.code.length);
  for (let i = 0; i < f.code.length; i++) w.int(f.code[i]!);
  w.int(f.k.length);
  for (const k of f.k) {
    if (k === undefined) w.byte(0);
    else if (typeof k === 'boolean') { w.byte(1); w.byte(k ? 1 : 0); }
    else if (typeof k === 'number') { w.byte(3); w.number(k); }
    else { w.byte(4); w.string(k); }
  }
  w.int(f.p.length);
  for (const p of f.p) dumpFunction(w, p, f.source, strip);
  if (strip) {
    w.int(0);
    w.int(0);
    w.int(0);
    return;
  }
  w.int(f.lineinfo.length);
  for (let i = 0; i < f.lineinfo.length; i++) w.int(f.lineinfo[i]!);
  w.int(f.locvars.length);
  for (const v of f.locvars) {
    w.string(v.name);
    w.int(v.startpc);
    w.int(v.endpc);
  }
  w.int(f.upvalueNames.length);
  for (const u of f.upvalueNames) w.string(u);
}

/** luaU_dump of a prototype as a byte string; `strip` drops debug information (luac -s). */
export function dumpProto(p: Proto, strip = false): string {
  const w = new ByteWriter();
  w.raw(CHUNK_HEADER);
  dumpFunction(w, p, undefined, strip);
  return w.result();
}
