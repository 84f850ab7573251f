// Test helper: runs a Lua script through the real lua5.1 and returns its
// output as a byte string. Results are emitted one record per line, each
// record escaped so that any byte survives (see `luaEmit`).

import { spawnSync } from 'node:child_process';

/** Lua prelude: emit(v) prints one record, bytes outside 32..126 (and '\') as \ddd. */
export const LUA_EMIT = `
local function emit(s)
  s = tostring(s)
  io.write((s:gsub('[^\\32-\\91\\93-\\126]', function(c) return string.format('\\\\%03d', c:byte()) end)), '\\n')
end
`;

export function runLua(source: string): string {
  const r = spawnSync('lua5.1', ['-'], { input: Buffer.from(source, 'latin1'), maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error('lua5.1 failed: ' + r.stderr.toString('latin1'));
  return r.stdout.toString('latin1');
}

/** Splits emitted records and undoes their escaping. */
export function records(out: string): string[] {
  const lines = out.split('\n');
  lines.pop();
  return lines.map((l) => l.replace(/\\(\d\d\d)/g, (_m, d: string) => String.fromCharCode(Number(d))));
}

/** A Lua expression for an exact double. */
export function luaNumber(x: number): string {
  if (x !== x) return '(0/0)';
  if (x === Infinity) return '(1/0)';
  if (x === -Infinity) return '(-1/0)';
  // A literal -0 would share the constant slot of an earlier 0 (lua5.1 folds).
  if (x === 0 && 1 / x < 0) return '(-1/(1/0))';
  // 17 significant digits round-trip through glibc strtod.
  return '(' + x.toPrecision(17) + ')';
}

/** A Lua string literal for any byte string. */
export function luaString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 && c < 127 && c !== 34 && c !== 92) out += s[i];
    else out += '\\' + String(c).padStart(3, '0');
  }
  return out + '"';
}
