// Arrays for the parts of tables the decoders build (cjson.decode,
// cmsgpack.unpack), made by array literals. V8 watches each literal site
// and, once most of its arrays outlive a young-generation collection, makes
// the site allocate in the old generation directly. A decoded document
// lives at least until the decode ends (usually as long as the script
// uses it), so its parts would otherwise be copied by every scavenge while
// the document grows: in bench/libs.js that copying was most of the time.
// The VM's own table parts come from elsewhere (table.ts avoids literal
// sites on purpose: short-lived tables must stay young), so these sites
// only ever see decoded data.
// Invariant: every array holds any value (literals of undefined are
// generic-elements arrays; a double-elements array would canonicalise
// NaNs, and lua5.1 keeps the sign of -nan).

import type { LuaValue } from '@valua/vm';

/** A fresh array of n nils. */
export function nilArray(n: number): LuaValue[] {
  const u = undefined;
  switch (n) {
    case 1:
      return [u];
    case 2:
      return [u, u];
    case 4:
      return [u, u, u, u];
    case 8:
      return [u, u, u, u, u, u, u, u];
    case 16:
      return [u, u, u, u, u, u, u, u, u, u, u, u, u, u, u, u];
    default: {
      const a: LuaValue[] = [u];
      for (let i = 1; i < n; i++) a.push(u);
      if (n === 0) a.pop();
      return a;
    }
  }
}

/**
 * A fresh hash part of n free nodes, as table.ts's freeNodes(): 3n slots,
 * (key nil, value nil, next -1 = end of chain) per node.
 */
export function nodeArray(n: number): LuaValue[] {
  const u = undefined;
  switch (n) {
    case 1:
      return [u, u, -1];
    case 2:
      return [u, u, -1, u, u, -1];
    case 4:
      return [u, u, -1, u, u, -1, u, u, -1, u, u, -1];
    case 8:
      return [u, u, -1, u, u, -1, u, u, -1, u, u, -1, u, u, -1, u, u, -1, u, u, -1, u, u, -1];
    case 16:
      return [
        u, u, -1, u, u, -1, u, u, -1, u, u, -1, u, u, -1, u, u, -1, u, u, -1, u, u, -1,
        u, u, -1, u, u, -1, u, u, -1, u, u, -1, u, u, -1, u, u, -1, u, u, -1, u, u, -1,
      ];
    default: {
      const a: LuaValue[] = [u, u, -1];
      for (let i = 1; i < n; i++) a.push(u, u, -1);
      if (n === 0) a.length = 0;
      return a;
    }
  }
}
