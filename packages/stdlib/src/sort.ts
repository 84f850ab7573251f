// table.sort's algorithm, exactly as 5.1's auxsort runs it: the same reads,
// writes and comparisons in the same order, so a comparator observes the same
// call sequence and an inconsistent one fails where 5.1 fails.
//
// Invariant: get/set are raw accesses to t[1..n]; `lt` may call Lua and throw.

/** The error 5.1 raises when the partition runs off the array. */
export class InvalidOrderError extends Error {
  constructor() {
    super('invalid order function for sorting');
  }
}

export interface SortAccess<T> {
  get(i: number): T;
  set(i: number, v: T): void;
  lt(a: T, b: T): boolean;
}

/** Sorts positions l..u (1-based) in place. */
export function auxSort<T>(acc: SortAccess<T>, l: number, u: number): void {
  while (l < u) { // loop instead of the second recursive call
    // order a[l], a[(l+u)/2], a[u]
    let a = acc.get(l);
    let b = acc.get(u);
    if (acc.lt(b, a)) { acc.set(l, b); acc.set(u, a); }
    if (u - l === 1) break; // only 2 elements
    let i = Math.floor((l + u) / 2);
    a = acc.get(i);
    b = acc.get(l);
    if (acc.lt(a, b)) { acc.set(i, b); acc.set(l, a); } else {
      b = acc.get(u);
      if (acc.lt(b, a)) { acc.set(i, b); acc.set(u, a); }
    }
    if (u - l === 2) break; // only 3 elements
    const pivot = acc.get(i);
    acc.set(i, acc.get(u - 1));
    acc.set(u - 1, pivot);
    // a[l] <= P == a[u-1] <= a[u]: partition l+1 .. u-2
    i = l;
    let j = u - 1;
    for (;;) {
      let ai: T, aj: T;
      while (ai = acc.get(++i), acc.lt(ai, pivot)) {
        if (i > u) throw new InvalidOrderError();
      }
      while (aj = acc.get(--j), acc.lt(pivot, aj)) {
        if (j < l) throw new InvalidOrderError();
      }
      if (j < i) break;
      acc.set(i, aj);
      acc.set(j, ai);
    }
    const x = acc.get(u - 1);
    acc.set(u - 1, acc.get(i));
    acc.set(i, x);
    // recurse into the smaller half, loop on the larger
    let lo: number, hi: number;
    if (i - l < u - i) { lo = l; hi = i - 1; l = i + 1; } else { lo = i + 1; hi = u; u = i - 1; }
    auxSort(acc, lo, hi);
  }
}
