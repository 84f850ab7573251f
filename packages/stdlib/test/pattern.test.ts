import fc from 'fast-check';
import {
  MatchState, PatternError, expandReplacement, findAux, gmatchStep, gsubLoop, type Capture,
} from '../src/pattern.js';
import { EMIT, luaString, parseRecords, runLua, SEED } from './lua-batch.js';

interface Case { s: string; p: string; init: number; repl: string; maxN: number }

const ms = new MatchState();

function ser(vals: Capture[] | null): string {
  if (vals === null) return 'nnil';
  return vals.map((v) => (typeof v === 'number' ? 'n' + String(v) : 's' + v)).join('\x01');
}

function guard(f: () => string): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof PatternError) return 'E' + e.message;
    throw e;
  }
}

// The same four operations the Lua driver performs, on the engine.
function engine(c: Case): string[] {
  return [
    guard(() => ser(findAux(ms, c.s, c.p, c.init, false, true))),
    guard(() => ser(findAux(ms, c.s, c.p, c.init, false, false))),
    guard(() => {
      const r: string[] = [];
      let pos = 0;
      for (let n = 0; ; n++) {
        const caps = gmatchStep(ms, c.s, c.p, pos);
        if (caps === null) break;
        pos = ms.nextPos;
        r.push(String(caps[0]) + ',' + (caps.length > 1 ? String(caps[1]) : 'nil'));
        if (n >= 50) break;
      }
      return 's' + r.join(';');
    }),
    guard(() => {
      const [out, n] = gsubLoop(ms, c.s, c.p, c.maxN, { add: (m, s, e) => expandReplacement(m, c.repl, s, e, String) });
      return 's' + out + '\x01n' + String(n);
    }),
  ];
}

const DRIVER = EMIT + `
local function ser(ok, ...)
  if not ok then return "E" .. (tostring((...)):gsub("^[^:]*:%d+: ", "")) end
  local t = {}
  for i = 1, select("#", ...) do local v = select(i, ...) t[#t + 1] = type(v):sub(1, 1) .. tostring(v) end
  return table.concat(t, "\\1")
end
local function gm(s, p)
  local r, n = {}, 0
  for a, b in string.gmatch(s, p) do
    r[#r + 1] = tostring(a) .. "," .. tostring(b)
    if n >= 50 then break end
    n = n + 1
  end
  return table.concat(r, ";")
end
local function run(s, p, init, repl, maxn)
  emit(ser(pcall(string.find, s, p, init)))
  emit(ser(pcall(string.match, s, p, init)))
  emit(ser(pcall(gm, s, p)))
  emit(ser(pcall(string.gsub, s, p, repl, maxn)))
end
`;

function check(cases: Case[]): void {
  let src = DRIVER;
  for (const c of cases) {
    src += `run(${luaString(c.s)}, ${luaString(c.p)}, ${c.init}, ${luaString(c.repl)}, ${c.maxN})\n`;
  }
  const r = runLua(src);
  expect(r.stderr).toBe('');
  const rec = parseRecords(r.stdout);
  cases.forEach((c, k) => {
    expect([c, engine(c)]).toEqual([c, rec.slice(4 * k, 4 * k + 4)]);
  });
}

const TOKENS = ['a', 'b', 'c', 'a', 'b', ' ', '.', '%a', '%d', '%s', '%w', '%A', '%S', '%p', '%x', '%u', '%l', '%c', '%z',
  '%%', '%(', '%.', '[ab]', '[^a]', '[a-c]', '[%a1]', '[]]', '[^]a]', '[a-]', '[%]', '(', ')', '()', '*', '+', '-', '?',
  '^', '$', '%b()', '%bab', '%f[a]', '%f[%s]', '%f[^a]', '%1', '%2', '%', '[', ']', '1', '(a*)', '(.-)', '%0'];
const patArb = fc.array(fc.constantFrom(...TOKENS), { maxLength: 8 }).map((a) => a.join(''));
const subjArb = fc.array(fc.constantFrom('a', 'b', 'c', ' ', '(', ')', '1', 'A', '%', '[', ']', '\0', '.'), { maxLength: 14 })
  .map((a) => a.join(''));
const replArb = fc.array(fc.constantFrom('x', '%0', '%1', '%2', '%%', '%', '-', '%a'), { maxLength: 4 }).map((a) => a.join(''));
const caseArb = fc.record({
  s: subjArb, p: patArb,
  init: fc.integer({ min: -20, max: 20 }),
  repl: replArb,
  maxN: fc.integer({ min: -1, max: 20 }),
});

describe(`pattern engine vs lua5.1 (seed ${SEED})`, () => {
  test('random patterns over a small alphabet', () => {
    check(fc.sample(caseArb, { numRuns: 4000, seed: SEED + 1 }));
  });

  test('random bytes', () => {
    const bytes = fc.uint8Array({ maxLength: 12 }).map((b) => String.fromCharCode(...b));
    check(fc.sample(fc.record({ s: bytes, p: bytes, init: fc.constant(1), repl: bytes, maxN: fc.constant(100) }), { numRuns: 1500, seed: SEED + 2 }));
  });

  test('limits and edge cases', () => {
    const long = (t: string, n: number): string => t.repeat(n);
    check([
      { s: long('a', 300), p: long('a?', 300), init: 1, repl: 'x', maxN: 5 },
      // deep patterns: lua5.1 recurses in C; the engine must not need JS stack
      { s: long('a', 30000), p: long('a?', 30000), init: 1, repl: 'x', maxN: 5 },
      { s: long('a', 3000) + 'b', p: long('a*', 3000) + 'b', init: 1, repl: '%0', maxN: 5 },
      { s: long('ab', 2000), p: long('(a-)b', 30) + long('.-', 2000) + '$', init: 1, repl: '%30', maxN: 5 },
      { s: long('a', 40), p: long('(a)', 33), init: 1, repl: 'x', maxN: 5 },
      { s: long('a', 40), p: long('(a)', 32), init: 1, repl: '%9', maxN: 5 },
      { s: 'a\0b', p: 'a\0b', init: 1, repl: 'x', maxN: 5 },
      { s: 'a\0b', p: 'a\0(b)', init: 1, repl: 'x', maxN: 5 },
      { s: 'abc', p: '', init: 10, repl: '-', maxN: 10 },
      { s: 'abc', p: '', init: -10, repl: '%0%0', maxN: 10 },
      { s: 'hello world', p: '%f[%w]%w+', init: 1, repl: '<%0>', maxN: 10 },
      { s: 'f(a(b)c) (d', p: '%b()', init: 1, repl: '[%0]', maxN: 10 },
      { s: 'key = value', p: '(%w+)%s*=%s*(%w+)', init: 1, repl: '%2 = %1', maxN: 10 },
      { s: 'abab', p: '(ab)%1', init: 1, repl: '%1', maxN: 10 },
      { s: 'x', p: '()x()', init: 1, repl: '%1%2', maxN: 10 },
      // start positions skipped by the first item: errors and captures before it
      { s: 'bbb', p: long('(', 33) + 'a', init: 1, repl: 'x', maxN: 5 },
      { s: 'bab', p: long('(', 32) + 'a' + long(')', 32), init: 1, repl: '%9', maxN: 5 },
      { s: 'bbb', p: long('()', 33) + 'a', init: 1, repl: 'x', maxN: 5 },
      { s: 'bbb', p: 'a%', init: 1, repl: 'x', maxN: 5 },
      { s: 'bab', p: 'a%', init: 1, repl: 'x', maxN: 5 },
      { s: 'bbb', p: '[a', init: 1, repl: 'x', maxN: 5 },
      { s: 'bbb', p: '(()[a-', init: 1, repl: 'x', maxN: 5 },
      { s: 'b^a^', p: '^a', init: 1, repl: '<%0>', maxN: 5 },
      { s: 'xxyxy', p: 'x*y', init: 2, repl: '-', maxN: 5 },
      { s: 'ab1 cd22 e', p: '(%a+)(%d+)', init: -7, repl: '%2%1', maxN: 5 },
      { s: 'ab1 cd22 e', p: '[%d]+', init: 1, repl: '#', maxN: 1 },
      { s: 'a.b.c', p: '%.', init: 1, repl: '/', maxN: 5 },
      { s: 'aaa', p: 'a-b', init: 1, repl: '/', maxN: 5 },
      { s: 'a\0b\0', p: '\0', init: 1, repl: '0', maxN: 5 },
      { s: 'a)b', p: ')', init: 1, repl: 'x', maxN: 5 },
    ]);
  });
});
