// Builds a byte string from many small pieces (single bytes and slices)
// without a rope of millions of one-character strings: bytes collect in a
// typed buffer that is turned into text 8 KB at a time.
// One sink is reused by its owner (finish() empties it): library code never
// re-enters itself while a sink is in use, and a fresh 16 KB buffer per
// string would dominate the cost of short strings.

const CHUNK = 8192;

export class ByteSink {
  private readonly buf: Uint16Array;
  private n: number;
  private parts: string[];

  constructor() {
    this.buf = new Uint16Array(CHUNK);
    this.n = 0;
    this.parts = [];
  }

  /** Empties the sink (a previous user may have stopped half way, on an error). */
  reset(): void {
    this.n = 0;
    this.parts = [];
  }

  byte(c: number): void {
    if (this.n === CHUNK) this.flush();
    this.buf[this.n++] = c;
  }

  /** Appends a string; long ones go in whole. */
  text(s: string): void {
    if (s.length > 64) {
      this.flush();
      this.parts.push(s);
      return;
    }
    for (let i = 0; i < s.length; i++) this.byte(s.charCodeAt(i));
  }

  private flush(): void {
    if (this.n === 0) return;
    this.parts.push(String.fromCharCode.apply(null, this.buf.subarray(0, this.n) as unknown as number[]));
    this.n = 0;
  }

  finish(): string {
    this.flush();
    const s = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    return s;
  }
}
