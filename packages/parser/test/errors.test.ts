import fc from 'fast-check';
import { chunkId, LUA_IDSIZE } from '@valua/parser';
import { MAXSRC } from '../src/errors.js';
import { luaLoadstring } from './support/lua-oracle.js';
import { spawnSync } from 'node:child_process';

/** The `chunk:` prefix lua5.1 puts on a runtime error raised in a chunk named `name`. */
function runtimePrefixes(names: string[]): string[] {
  const script = `
    local data = io.read('*a')
    for name in data:gmatch('([^\\1]*)\\1') do
      local ok, e = pcall(loadstring('error("E", 1)', name))
      io.write(e:sub(1, #e - #':1: E'), '\\2')
    end`;
  const r = spawnSync('lua5.1', ['-e', script], { input: Buffer.from(names.map((n) => n + '\x01').join(''), 'latin1') });
  return r.stdout.toString('latin1').split('\x02').slice(0, -1);
}

const nameArb = fc.oneof(
  fc.tuple(fc.constantFrom('=', '@', ''), fc.string({ unit: fc.constantFrom('a', 'b', '/', '\n', '\r', ' ', '"', '.', '\0'), maxLength: 120 }))
    .map(([p, s]) => p + s),
  fc.nat({ max: 100 }).map((n) => '@' + 'x'.repeat(n)),
  fc.nat({ max: 100 }).map((n) => '=' + 'y'.repeat(n)),
  fc.nat({ max: 100 }).map((n) => 'z'.repeat(n) + '\nmore'),
).filter((s) => !s.includes('\x01') && !s.includes('\x02'));

describe('chunkId (luaO_chunkid)', () => {
  it('names chunks in runtime errors as lua5.1 does (LUA_IDSIZE 60)', () => {
    const names = fc.sample(nameArb, { numRuns: 400, seed: Date.now() % 10007 }).filter((n) => !n.startsWith('\x1b'));
    expect(names.map((n) => chunkId(n, LUA_IDSIZE))).toEqual(runtimePrefixes(names));
  });

  it('names chunks in syntax errors as lua5.1 does (MAXSRC 80)', () => {
    const names = fc.sample(nameArb, { numRuns: 400, seed: Date.now() % 10009 });
    const got = luaLoadstring(names.map((n) => ['x =', n] as const));
    expect(names.map((n) => `${chunkId(n, MAXSRC)}:1: unexpected symbol near '<eof>'`)).toEqual(got);
  });
});
