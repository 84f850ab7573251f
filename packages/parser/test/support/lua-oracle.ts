// Asks the real lua5.1 what loadstring / luac5.1 -p say about many sources in
// one process run, so differential tests stay fast.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Input and output are records "<length>\n<bytes>"; a result is "OK" or the error text.
const DRIVER = `
local data = io.read('*a')
local pos, out = 1, {}
local function field()
  local nl = data:find('\\n', pos, true)
  local len = tonumber(data:sub(pos, nl - 1))
  local s = data:sub(nl + 1, nl + len)
  pos = nl + len + 1
  return s
end
while pos <= #data do
  local src = field()
  local name = field()
  local f, err = loadstring(src, name)
  local r = f and 'OK' or err
  out[#out + 1] = #r .. '\\n' .. r
end
io.write(table.concat(out))
`;

function records(s: string): string[] {
  const res: string[] = [];
  let pos = 0;
  while (pos < s.length) {
    const nl = s.indexOf('\n', pos);
    const len = Number(s.slice(pos, nl));
    res.push(s.slice(nl + 1, nl + 1 + len));
    pos = nl + 1 + len;
  }
  return res;
}

/** For each [source, chunkName]: 'OK' or lua5.1's loadstring error message. */
export function luaLoadstring(cases: readonly (readonly [string, string])[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'valua-oracle-'));
  try {
    const driver = join(dir, 'driver.lua');
    writeFileSync(driver, DRIVER);
    const input = cases.map(([src, name]) => `${src.length}\n${src}${name.length}\n${name}`).join('');
    const r = spawnSync('lua5.1', [driver], { input: Buffer.from(input, 'latin1'), maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`lua5.1 failed: ${r.stderr.toString('latin1')}`);
    const out = records(r.stdout.toString('latin1'));
    if (out.length !== cases.length) throw new Error('lua5.1 driver lost results');
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `luac5.1 -p` on a file holding `source`: 'OK' or the message (prefix `luac5.1: ` removed). */
export function luacParse(source: string, fileName = 'input.lua'): { message: string; chunkName: string } {
  const dir = mkdtempSync(join(tmpdir(), 'valua-luac-'));
  try {
    const file = join(dir, fileName);
    writeFileSync(file, Buffer.from(source, 'latin1'));
    const r = spawnSync('luac5.1', ['-p', file]);
    const err = r.stderr.toString('latin1').replace(/^luac5\.1: /, '').replace(/\n$/, '');
    return { message: r.status === 0 ? 'OK' : err, chunkName: '@' + file };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
