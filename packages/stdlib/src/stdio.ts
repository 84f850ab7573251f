// C stdio over a host file, as liolib needs it: a read buffer with ungetc,
// fgets, fread, fscanf("%lf") and fopen's mode strings. No VM imports, so it
// is tested on its own against lua5.1.
//
// Invariant: the host's position is the logical position plus the unread
// bytes in `buf` (buf.length - pos).

import { HostIoError, type HostFile } from './host.js';

const EBADF = (): HostIoError => new HostIoError(9, 'Bad file descriptor');

/** BUFSIZ on glibc, LUAL_BUFFERSIZE: fgets reads lines in chunks this big. */
export const BUFFER_SIZE = 8192;


export class LuaFile {
  host: HostFile | undefined; // undefined once closed
  readonly canRead: boolean;
  readonly canWrite: boolean;
  /** Standard streams refuse to close ("cannot close standard file"). */
  readonly standard: boolean;
  buf = '';
  pos = 0;
  /** ferror(): set by a failed read, cleared by clearerr at each read call. */
  error: HostIoError | undefined = undefined;

  constructor(host: HostFile, canRead: boolean, canWrite: boolean, standard: boolean) {
    this.host = host;
    this.canRead = canRead;
    this.canWrite = canWrite;
    this.standard = standard;
  }

  private fill(): boolean {
    if (!this.canRead) {
      this.error = EBADF();
      return false;
    }
    try {
      this.buf = this.host!.read(BUFFER_SIZE);
    } catch (e) {
      if (!(e instanceof HostIoError)) throw e;
      this.error = e;
      this.buf = '';
    }
    this.pos = 0;
    return this.buf.length > 0;
  }

  /** getc: a byte, or -1 at end of file. */
  getc(): number {
    if (this.pos >= this.buf.length && !this.fill()) return -1;
    return this.buf.charCodeAt(this.pos++);
  }

  /** ungetc of the byte just read. */
  ungetc(): void {
    this.pos--;
  }

  /** fread: up to n bytes. */
  readChars(n: number): string {
    let out = '';
    while (n > 0) {
      if (this.pos >= this.buf.length && !this.fill()) break;
      const take = Math.min(n, this.buf.length - this.pos);
      out += this.buf.substring(this.pos, this.pos + take);
      this.pos += take;
      n -= take;
    }
    return out;
  }

  /**
   * fgets(p, BUFFER_SIZE): up to and including a newline, at most
   * BUFFER_SIZE - 1 bytes; undefined at end of file with nothing read.
   */
  fgets(): string | undefined {
    let out = '';
    while (out.length < BUFFER_SIZE - 1) {
      if (this.pos >= this.buf.length && !this.fill()) break;
      const nl = this.buf.indexOf('\n', this.pos);
      const room = BUFFER_SIZE - 1 - out.length;
      const end = nl < 0 ? this.buf.length : nl + 1;
      const take = Math.min(end - this.pos, room);
      out += this.buf.substring(this.pos, this.pos + take);
      this.pos += take;
      if (out.charCodeAt(out.length - 1) === 10) break;
    }
    return out.length === 0 ? undefined : out;
  }

  /** Drops read-ahead so the host's position is the logical one again. */
  private sync(): void {
    const unread = this.buf.length - this.pos;
    this.buf = '';
    this.pos = 0;
    if (unread > 0) this.host!.seek(-unread, 1);
  }

  write(s: string): void {
    if (!this.canWrite) throw EBADF();
    if (this.buf.length > this.pos) this.sync();
    this.host!.write(s);
  }

  seek(offset: number, whence: 0 | 1 | 2): number {
    const unread = this.buf.length - this.pos;
    this.buf = '';
    this.pos = 0;
    return this.host!.seek(whence === 1 ? offset - unread : offset, whence);
  }

  flush(): void {
    this.host!.flush();
  }

  close(): void {
    const h = this.host!;
    this.host = undefined;
    h.close();
  }
}

/** fopen's reading of a mode string, as glibc does it (unknown letters ignored). */
export function parseMode(mode: string): { read: boolean; write: boolean; append: boolean; truncate: boolean; create: boolean } | undefined {
  const c = mode[0];
  let plus = false;
  for (let i = 1; i < 7 && i < mode.length && mode[i] !== '\0'; i++) if (mode[i] === '+') plus = true;
  if (c === 'r') return { read: true, write: plus, append: false, truncate: false, create: false };
  if (c === 'w') return { read: plus, write: true, append: false, truncate: true, create: true };
  if (c === 'a') return { read: plus, write: true, append: true, truncate: false, create: true };
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isDigit(c: number, hex: boolean): boolean {
  return (c >= 48 && c <= 57) || (hex && ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)));
}

/**
 * fscanf(f, "%lf"): glibc collects the longest run that can still become
 * a number (sign, digits, one point, an exponent with its sign, hex with a
 * 'p' exponent, inf/nan words), pushes back the one byte that stopped it,
 * and converts with strtod, failing only when strtod takes nothing. The
 * bytes consumed stay consumed even on failure, as with C stdio.
 */
export function scanNumber(f: LuaFile, strtod: (s: string) => number | undefined): number | undefined {
  let c = f.getc();
  while (c >= 0 && isSpace(c)) c = f.getc();
  if (c < 0) return undefined;
  let text = '';
  if (c === 43 || c === 45) { text += String.fromCharCode(c); c = f.getc(); }
  const lower = c | 0x20;
  if (lower === 105 || lower === 110) { // inf / nan words
    // glibc consumes the byte that breaks a word and fails (conv_error does
    // not push it back): "It7" leaves "7".
    const word = lower === 105 ? 'inf' : 'nan';
    for (let k = 0; k < 3; k++) {
      if (c < 0) return undefined;
      if ((c | 0x20) !== word.charCodeAt(k)) return undefined;
      text += String.fromCharCode(c);
      c = f.getc();
    }
    if (word === 'inf' && (c | 0x20) === 105) { // "infinity" or nothing
      for (let k = 0; k < 5; k++) {
        if (c < 0 || (c | 0x20) !== 'inity'.charCodeAt(k)) return undefined;
        c = f.getc();
      }
    }
    if (c >= 0) f.ungetc();
    return strtod(text);
  }
  let hex = false;
  let gotDigit = false, gotDot = false, gotE = false;
  if (c === 48) { // maybe 0x
    text += '0';
    gotDigit = true;
    c = f.getc();
    if ((c | 0x20) === 120) { hex = true; text += 'x'; gotDigit = false; c = f.getc(); }
  }
  const expChar = hex ? 112 : 101; // p / e
  for (;;) {
    if (c < 0) break;
    const last = text.charCodeAt(text.length - 1) | 0x20;
    if (!gotE && isDigit(c, hex)) { gotDigit = true; text += String.fromCharCode(c); }
    else if (gotE && c >= 48 && c <= 57) text += String.fromCharCode(c);
    else if (!gotDot && !gotE && c === 46) { gotDot = true; text += '.'; }
    else if (gotE && last === expChar && (c === 43 || c === 45)) text += String.fromCharCode(c);
    else if (gotDigit && !gotE && (c | 0x20) === expChar) { gotE = true; text += String.fromCharCode(c); }
    else { f.ungetc(); break; }
    c = f.getc();
  }
  // strtod takes the longest valid prefix: drop an unfinished exponent
  let body = text.replace(hex ? /[pP][+-]?$/ : /[eE][+-]?$/, ''); // ('e' is a digit in hex)
  if (hex && !/^[+-]?0[xX]./.test(text)) return undefined; // glibc rejects a bare "0x"
  if (hex && !gotDigit) body = body.replace(/[xX]\.?$/, ''); // "0x." converts as strtod's "0"
  if (!/[0-9a-fA-F]/.test(body.replace(/^[+-]?0[xX]/, '0'))) return undefined;
  if (hex && !/[pP]/.test(body)) body = body.replace(/\.$/, '');
  return strtod(body);
}

/** read_line: a line without its newline; undefined at end of file with nothing read. */
export function readLine(f: LuaFile): string | undefined {
  let out = '';
  for (;;) {
    const p = f.fgets();
    if (p === undefined) return out.length > 0 ? out : undefined;
    // 5.1 measures what fgets read with strlen: bytes after a NUL are lost
    const nul = p.indexOf('\0');
    const l = nul < 0 ? p.length : nul;
    if (l === 0 || p.charCodeAt(l - 1) !== 10) out += p.substring(0, l);
    else return out + p.substring(0, l - 1);
  }
}
