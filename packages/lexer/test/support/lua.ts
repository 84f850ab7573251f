// Runs lua5.1 once over many inputs: each input is handed to a Lua function
// (given as source text) and its string result comes back.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Applies the Lua function `fn` (e.g. `function(s) return s:upper() end`) to every input. */
export function luaMap(fn: string, inputs: readonly string[]): string[] {
  const driver = `
local fn = ${fn}
local data, pos, out = io.read('*a'), 1, {}
while pos <= #data do
  local nl = data:find('\\n', pos, true)
  local len = tonumber(data:sub(pos, nl - 1))
  local r = tostring(fn(data:sub(nl + 1, nl + len)))
  pos = nl + len + 1
  out[#out + 1] = #r .. '\\n' .. r
end
io.write(table.concat(out))
`;
  const dir = mkdtempSync(join(tmpdir(), 'valua-lexer-'));
  try {
    const file = join(dir, 'driver.lua');
    writeFileSync(file, driver);
    const input = inputs.map((s) => `${s.length}\n${s}`).join('');
    const r = spawnSync('lua5.1', [file], { input: Buffer.from(input, 'latin1'), maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(r.stderr.toString('latin1'));
    const s = r.stdout.toString('latin1');
    const res: string[] = [];
    for (let pos = 0; pos < s.length;) {
      const nl = s.indexOf('\n', pos);
      const len = Number(s.slice(pos, nl));
      res.push(s.slice(nl + 1, nl + 1 + len));
      pos = nl + 1 + len;
    }
    return res;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
