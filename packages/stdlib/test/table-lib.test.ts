import { LuaError, newState, runChunk } from '@valua/vm';
import { openLibs } from '../src/open.js';

describe('table library and the VM budget', () => {
  // table.insert at INT_MIN shifts 2^31 slots: lua5.1 loops for a long time
  // in C; Valua charges such loops to the budget so a hook can stop them.
  test.each([
    ['', 'table.insert({}, -2^31, 1)'],
    ['big = {} for i = 1, 2e5 do big[i] = -i end', 'table.sort(big)'],
    ['big = {} for i = 1, 2e5 do big[i] = "x" end', 'table.concat(big, ",", 1, 2^31 - 1)'],
  ])('a budget hook stops %s %s', (setup, code) => {
    const L = newState();
    openLibs(L, { only: ['table'] });
    runChunk(setup, '=setup', { state: L });
    let calls = 0;
    L.g.setBudgetHook(10, () => {
      if (++calls > 20) throw new LuaError('script killed');
    });
    const out: string[] = [];
    const t0 = Date.now();
    runChunk(`print(pcall(function() ${code} end))`, '=t', { state: L, stdout: (s) => void out.push(s) });
    expect(out.join('')).toBe('false\tscript killed\n');
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
