import { LuaError, newState, resumeThread, runChunk } from '@valua/vm';
import { openLibs } from '../src/open.js';
import { runLua } from './lua-batch.js';

describe('string library and the VM budget', () => {
  // lua5.1 spins in C on these (2^40 backtracking paths); Valua's matcher
  // charges its steps to the budget so a hook or interrupt() stops it.
  const slow = [
    'string.find(string.rep("a", 40), string.rep("a?", 40) .. string.rep("a", 40) .. "b")',
    'for x in string.gmatch(string.rep("a", 40), string.rep("a-", 40) .. "b") do end',
    'string.gsub(string.rep("a", 40), string.rep("a*", 40) .. "b", "x")',
  ];
  test.each(slow)('a budget hook stops %s', (code) => {
    const L = newState();
    openLibs(L, { only: ['string'] });
    let calls = 0;
    L.g.setBudgetHook(1000, () => {
      if (++calls > 50) throw new LuaError('script killed');
    });
    const t0 = Date.now();
    const r = runChunk(`print(pcall(function() ${code} end))`, '=t', { state: L, stdout: () => undefined });
    expect(r.error).toBeUndefined();
    expect(calls).toBe(51);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  test('interrupt() stops a long match', () => {
    const L = newState();
    openLibs(L, { only: ['string'] });
    let n = 0;
    L.g.setBudgetHook(1000, () => {
      if (++n === 10) L.g.interrupt('interrupted');
    });
    const out: string[] = [];
    const t0 = Date.now();
    const r = runChunk(`local ok, e = pcall(string.find, string.rep("a", 40), string.rep("a?", 40) .. string.rep("a", 40) .. "b") print(ok, e)`,
      '=t', { state: L, stdout: (s) => void out.push(s) });
    // the interrupt stays raised at every later check (the VM's rule), so the
    // script ends with an error rather than printing the pcall result
    expect(out.join('')).toBe('');
    expect(r.status).not.toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  test('a hook that matches again while a match runs does not disturb it', () => {
    const code = 'print(string.find(string.rep("a", 16), "(" .. string.rep("a?", 16) .. ")" .. string.rep("a", 16)))';
    const L = newState();
    openLibs(L, { only: ['string'] });
    runChunk('function onhook() hooked = (hooked or 0) + 1 assert(string.find("xbc", "(b)") == 2) end', '=setup', { state: L });
    const onhook = L.getGlobal('onhook');
    L.g.setBudgetHook(50, (L1) => void L1.invoke(onhook, []));
    const out: string[] = [];
    runChunk(code + ' print(hooked > 10)', '=t', { state: L, stdout: (s) => void out.push(s) });
    expect(out.join('')).toBe(runLua(code).stdout + 'true\n');
  });

  test('a pause asked for during a long match happens after it, and the script then completes', () => {
    // sliced execution: the hook returns true once the match has done some work
    const code = 'local r = {string.find(string.rep("a", 16), "(" .. string.rep("a?", 16) .. ")" .. string.rep("a", 16))} '
      + 'for i = 1, 3 do end print(r[1], r[2], #r[3])';
    const L = newState();
    openLibs(L, { only: ['string'] });
    const out: string[] = [];
    L.g.write = (s) => void out.push(s);
    let asks = 0;
    L.g.setBudgetHook(100, () => ++asks === 3);
    const co = L.newThread(L.load(code, '=t'));
    let slices = 0;
    for (;;) {
      const n = resumeThread(L, co, 0);
      expect(n).toBeGreaterThanOrEqual(0);
      L.top -= n;
      slices++;
      if (!co.paused) break;
    }
    expect(slices).toBe(2); // paused once, after string.find returned
    expect(out.join('')).toBe(runLua('local r = {string.find(string.rep("a", 16), "(" .. string.rep("a?", 16) .. ")" .. string.rep("a", 16))} print(r[1], r[2], #r[3])').stdout);
  });
});
