// The random generator Valkey's Lua uses for math.random (spec §12): POSIX
// lrand48, a 48-bit LCG x <- (0x5DEECE66D * x + 0xB) mod 2^48 whose output is
// x >> 17. lua5.1 itself uses libc rand(); Valua follows the server.
//
// The state is kept as two 24-bit halves so every product stays below 2^53
// and plain doubles compute it exactly.

const TWO24 = 16777216;
const A_LO = 0xece66d, A_HI = 0x5de; // 0x5DEECE66D split at bit 24

export class Rand48 {
  private hi = 0;
  private lo = 0;

  constructor() {
    this.setState(0x1234, 0xabcd330e); // x = 0x1234ABCD330E at process start
  }

  private setState(high16: number, low32: number): void {
    // x = high16 * 2^32 + low32; split at bit 24
    this.lo = low32 % TWO24;
    this.hi = high16 * 256 + Math.floor(low32 / TWO24);
  }

  /** srand48(seed) for a 32-bit signed seed. */
  seed(s: number): void {
    const hi16 = (s >> 16) & 0xffff;
    const lo16 = s & 0xffff;
    this.setState(hi16, lo16 * 65536 + 0x330e);
  }

  /** lrand48(): the next 31-bit output. */
  next(): number {
    const lo = this.lo * A_LO + 0xb;
    const carry = Math.floor(lo / TWO24);
    const hi = (this.hi * A_LO + this.lo * A_HI + carry) % TWO24;
    this.lo = lo % TWO24;
    this.hi = hi;
    return hi * 128 + Math.floor(this.lo / 131072); // x >> 17
  }

  /** math.random()'s base value in [0, 1). */
  nextDouble(): number {
    return (this.next() % 2147483647) / 2147483647;
  }
}
