// String interning for constants. V8 keeps one internalized string per
// content; two internalized strings compare by pointer, while `===`
// between an internalized and a plain string (a key sliced from the
// source, say) compares characters. Table keys set by one function and
// looked up by another then meet as pointers (string literals in
// translated code are internalized too, see jit.ts).

/** The internalized string with the content of `s` (a property key is always internalized). */
export function intern(s: string): string {
  const o: Record<string, true> = {};
  o[s] = true;
  for (const key in o) return key;
  return s;
}
