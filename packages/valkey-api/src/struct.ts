// struct: binary packing, as Roberto Ierusalimschy's struct 0.2 bundled by
// Valkey (with its CVE fixes: size overflow check, unpack offset >= 1,
// overflow-safe bounds). x86-64 sizes: short 2, int 4, long/size_t 8,
// native order little endian, default maximum alignment 8.
// Invariants: byte strings in and out; integers go through the C casts the
// library performs (double -> long/unsigned long, long -> double), emulated
// exactly with BigInt for widths above 6 bytes.

import type { LuaState, LuaTable, LibTable } from '@valua/vm';

const MAXINTSIZE = 32;
const MAXALIGN = 8;
const INT_MAX = 2147483647;
/** LUAI_MAXCSTACK: luaL_checkstack fails past it. */
const MAX_C_STACK = 8000;

const f64 = new Float64Array(1);
const f32 = new Float32Array(1);
const b64 = new Uint8Array(f64.buffer);
const b32 = new Uint8Array(f32.buffer);
const NATIVE_LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const TWO63 = 9223372036854775808;
const TWO64 = 18446744073709551616;

/** Format cursor and the options in force (Header). */
class Format {
  readonly fmt: string;
  i: number;
  little: boolean;
  align: number;

  constructor(fmt: string) {
    this.fmt = fmt;
    this.i = 0;
    this.little = true;
    this.align = 1;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** getnum: digits after an option, or `df`; "integral size overflow" past INT_MAX. */
function getnum(L: LuaState, f: Format, df: number): number {
  if (!isDigit(f.fmt.charCodeAt(f.i))) return df;
  let a = 0;
  do {
    const d = f.fmt.charCodeAt(f.i) - 48;
    if (a > Math.floor(INT_MAX / 10) || a * 10 > INT_MAX - d) throw L.error('integral size overflow');
    a = a * 10 + d;
    f.i++;
  } while (isDigit(f.fmt.charCodeAt(f.i)));
  return a;
}

/** optsize: bytes an option takes (0 for options that are not items). */
function optsize(L: LuaState, opt: number, f: Format): number {
  switch (opt) {
    case 66: // B
    case 98: // b
    case 120: // x
      return 1;
    case 72: // H
    case 104: // h
      return 2;
    case 76: // L
    case 108: // l
    case 84: // T
    case 100: // d
      return 8;
    case 102: // f
      return 4;
    case 99: // c
      return getnum(L, f, 1);
    case 105: // i
    case 73: {
      // I
      const sz = getnum(L, f, 4);
      if (sz > MAXINTSIZE) throw L.error(`integral size ${sz} is larger than limit of ${MAXINTSIZE}`);
      return sz;
    }
    default:
      return 0;
  }
}

/** gettoalign: padding before an item of `size` at offset `len`. */
function gettoalign(len: number, f: Format, opt: number, size: number): number {
  if (size === 0 || opt === 99) return 0;
  if (size > f.align) size = f.align;
  // (size - (len & (size - 1))) & (size - 1), on size_t; only the low bits matter.
  const m = size - 1;
  const low = len < 4294967296 ? len : len % 4294967296;
  return (size - (low & m)) & m;
}

/** controloptions: endianness, alignment, spaces; anything else is an error. */
function controloptions(L: LuaState, opt: number, f: Format): void {
  switch (opt) {
    case 32:
      return;
    case 62: // >
      f.little = false;
      return;
    case 60: // <
      f.little = true;
      return;
    case 33: {
      // !
      const a = getnum(L, f, MAXALIGN);
      if (!(a > 0 && (a & (a - 1)) === 0)) throw L.error(`alignment ${a} is not a power of 2`);
      f.align = a;
      return;
    }
    default:
      throw L.argError(1, `invalid format option '${String.fromCharCode(opt)}'`);
  }
}

/** Bytes of an unsigned 64-bit value (as BigInt) in the chosen order, `size` wide. */
function intBytes(value: bigint, size: number, little: boolean): string {
  const bytes: number[] = new Array<number>(size).fill(0);
  let v = value;
  for (let k = 0; k < size && v !== 0n; k++) {
    bytes[little ? k : size - 1 - k] = Number(v & 0xffn);
    v >>= 8n;
  }
  return String.fromCharCode(...bytes);
}

/**
 * putinteger's conversion: negative doubles via (unsigned long)(long)n,
 * others via (unsigned long)n, as x86-64 code does them: truncation; out
 * of range gives 2^63 for the signed cast and (gcc's sequence) 0 above 2^64.
 */
function toUlong(n: number): bigint {
  if (n < 0) {
    if (n >= -TWO63) return BigInt.asUintN(64, BigInt(Math.trunc(n)));
    return 1n << 63n;
  }
  if (n < TWO63) return BigInt(Math.trunc(n));
  if (n < TWO64) return BigInt(Math.trunc(n));
  // cvttsd2si(n - 2^63) overflows to 2^63, and the xor with 2^63 gives 0;
  // NaN compares "below" and takes the signed conversion (2^63).
  return n !== n ? 1n << 63n : 0n;
}

function putinteger(n: number, size: number, little: boolean): string {
  // Small fast path: the value fits in 32 bits either way.
  if (size <= 4 && n > -2147483649 && n < 4294967296) {
    const v = Math.trunc(n) >>> 0;
    let out = '';
    for (let k = 0; k < size; k++) {
      const b = little ? k : size - 1 - k;
      out += String.fromCharCode((v >>> (8 * b)) & 0xff);
    }
    return out;
  }
  return intBytes(toUlong(n), size, little);
}

/** struct.pack(fmt, ...) */
function bPack(L: LuaState, base: number, nargs: number): number {
  const f = new Format(L.checkString(1));
  // b_pack pushes a nil as a mark after the arguments: the argument after
  // the last real one reads as nil ("got nil"), any further one as none.
  const argAt = (n: number): void => {
    if (n === nargs + 1) throw L.argError(n, `number expected, got nil`);
  };
  let arg = 2;
  let out = '';
  let total = 0;
  const fmt = f.fmt;
  while (f.i < fmt.length) {
    const opt = fmt.charCodeAt(f.i++);
    if (opt === 0) break;
    let size = optsize(L, opt, f);
    const toalign = gettoalign(total, f, opt, size);
    total += toalign;
    if (toalign > 0) out += '\0'.repeat(toalign);
    switch (opt) {
      case 98:
      case 66:
      case 104:
      case 72:
      case 108:
      case 76:
      case 84:
      case 105:
      case 73: {
        argAt(arg);
        const n = L.checkNumber(arg++);
        out += putinteger(n, size, f.little);
        break;
      }
      case 120:
        out += '\0';
        break;
      case 102: {
        argAt(arg);
        f32[0] = L.checkNumber(arg++);
        out += bytesOf(b32, 4, f.little);
        break;
      }
      case 100: {
        argAt(arg);
        f64[0] = L.checkNumber(arg++);
        out += bytesOf(b64, 8, f.little);
        break;
      }
      case 99:
      case 115: {
        if (arg === nargs + 1) throw L.argError(arg, 'string expected, got nil');
        const s = L.checkString(arg++);
        if (size === 0) size = s.length;
        // luaL_argcheck names `arg` after the increment (upstream off-by-one).
        if (s.length < size) throw L.argError(arg, 'string too short');
        out += size === s.length ? s : s.slice(0, size);
        if (opt === 115) {
          out += '\0';
          size++;
        }
        break;
      }
      default:
        controloptions(L, opt, f);
    }
    total += size;
  }
  L.push(out);
  return 1;
}

function bytesOf(b: Uint8Array, size: number, little: boolean): string {
  let out = '';
  const swap = little !== NATIVE_LITTLE;
  for (let k = 0; k < size; k++) out += String.fromCharCode(b[swap ? size - 1 - k : k]!);
  return out;
}

/** getinteger: the bytes as unsigned long, sign-extended for lower-case codes, then to double. */
function getinteger(data: string, pos: number, little: boolean, signed: boolean, size: number): number {
  if (size <= 6) {
    let v = 0;
    for (let k = 0; k < size; k++) {
      const b = data.charCodeAt(little ? pos + size - 1 - k : pos + k);
      v = v * 256 + b;
    }
    if (signed && size > 0 && v >= 2 ** (size * 8 - 1)) v -= 2 ** (size * 8);
    return v;
  }
  // unsigned long keeps the low 8 bytes only (bytes shifted out are lost).
  let l = 0n;
  for (let k = 0; k < size; k++) {
    const b = data.charCodeAt(little ? pos + size - 1 - k : pos + k);
    l = ((l << 8n) | BigInt(b)) & 0xffffffffffffffffn;
  }
  if (!signed) return Number(l);
  // mask = ~0UL << (size*8 - 1): the shift count is taken mod 64 on x86.
  const shift = BigInt((size * 8 - 1) & 63);
  const mask = (0xffffffffffffffffn << shift) & 0xffffffffffffffffn;
  if ((l & mask) !== 0n) l |= mask;
  return Number(BigInt.asIntN(64, l));
}

/** struct.unpack(fmt, data [, pos]) */
function bUnpack(L: LuaState, _base: number, nargs: number): number {
  const f = new Format(L.checkString(1));
  const data = L.checkString(2);
  const ld = data.length;
  const p0 = L.optInteger(3, 1);
  // size_t pos = luaL_optinteger(...): a negative start wraps to a huge
  // size_t, passes the "> 0" test, and fails the bounds check below.
  if (p0 === 0) throw L.argError(3, 'offset must be 1 or greater');
  let pos = p0 < 0 ? Infinity : p0 - 1;
  const results: (number | string)[] = [];
  const fmt = f.fmt;
  while (f.i < fmt.length) {
    const opt = fmt.charCodeAt(f.i++);
    if (opt === 0) break;
    let size = optsize(L, opt, f);
    if (pos !== Infinity) pos += gettoalign(pos, f, opt, size);
    if (!(size <= ld && pos <= ld - size)) throw L.argError(2, 'data string too short');
    // luaL_checkstack(L, 2, ...) above the arguments and the results so far.
    if (nargs + results.length + 2 > MAX_C_STACK) throw L.error('stack overflow (too many results)');
    switch (opt) {
      case 98:
      case 66:
      case 104:
      case 72:
      case 108:
      case 76:
      case 84:
      case 105:
      case 73:
        results.push(getinteger(data, pos, f.little, opt >= 97, size));
        break;
      case 120:
        break;
      case 102: {
        const swap = f.little !== NATIVE_LITTLE;
        for (let k = 0; k < 4; k++) b32[swap ? 3 - k : k] = data.charCodeAt(pos + k);
        results.push(f32[0]!);
        break;
      }
      case 100: {
        const swap = f.little !== NATIVE_LITTLE;
        for (let k = 0; k < 8; k++) b64[swap ? 7 - k : k] = data.charCodeAt(pos + k);
        results.push(f64[0]!);
        break;
      }
      case 99: {
        if (size === 0) {
          // The previous result must be a number (or a numeric string).
          const prev = results[results.length - 1];
          const n = typeof prev === 'number' ? prev : prev === undefined ? undefined : L.toNumber(prev);
          if (n === undefined) throw L.error("format 'c0' needs a previous size");
          results.pop();
          size = toSizeT(n);
          if (!(size <= ld && pos <= ld - size)) throw L.argError(2, 'data string too short');
        }
        results.push(data.slice(pos, pos + size));
        break;
      }
      case 115: {
        const e = data.indexOf('\0', pos);
        if (e < 0) throw L.error('unfinished string in data');
        size = e - pos + 1;
        results.push(data.slice(pos, e));
        break;
      }
      default:
        controloptions(L, opt, f);
    }
    pos += size;
  }
  for (let k = 0; k < results.length; k++) L.push(results[k]);
  // lua_pushinteger(pos + 1) on a size_t: a negative start comes back as itself.
  L.push(p0 < 0 ? p0 : pos + 1);
  return results.length + 1;
}

/** (size_t) of a double on x86-64, limited to what a string length can compare with. */
function toSizeT(n: number): number {
  if (n >= 0 && n < TWO64) return Math.trunc(n);
  // Negative or huge: a size beyond any string (fails the bounds check).
  return Infinity;
}

/** struct.size(fmt) */
function bSize(L: LuaState): number {
  const f = new Format(L.checkString(1));
  let pos = 0;
  const fmt = f.fmt;
  while (f.i < fmt.length) {
    const opt = fmt.charCodeAt(f.i++);
    if (opt === 0) break;
    const size = optsize(L, opt, f);
    pos += gettoalign(pos, f, opt, size);
    if (opt === 115) throw L.argError(1, "option 's' has no fixed size");
    if (opt === 99 && size === 0) throw L.argError(1, "option 'c0' has no fixed size");
    const isAlnum = isDigit(opt) || ((opt | 32) >= 97 && (opt | 32) <= 122);
    if (!isAlnum) controloptions(L, opt, f);
    pos += size;
  }
  L.push(pos);
  return 1;
}

export const structLib: LibTable = {
  pack: bPack,
  unpack: bUnpack,
  size: bSize,
};

/** Installs the global `struct` (luaopen_struct) and returns it. */
export function openStruct(L: LuaState): LuaTable {
  return L.register('struct', structLib);
}
