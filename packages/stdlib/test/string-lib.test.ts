import { LuaError, newState, runChunk } from '@valua/vm';
import { openLibs } from '../src/open.js';

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
});
