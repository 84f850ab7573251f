// luaToReply beyond the ret2-/ret3- vectors (which vectors.test.ts
// replays): the nesting limit of spec 6.3.6 and the error/status text rules
// of 5.4 and 6.3.2, with the outcomes the spec records from valkey-8.0.1.

import { luaToReply } from '../src/reply.js';
import type { RespValue } from '../src/resp.js';
import { runScript } from './script-state.js';

function reply(script: string, opts?: { scriptResp: 2 | 3; clientResp: 2 | 3 }): RespValue {
  const o = runScript(script);
  expect(o.error).toBeUndefined();
  return luaToReply(o.value, opts);
}

describe('luaToReply', () => {
  test('a self-referencing table: 7995 nested arrays, then the stack-limit error (6.3.6)', () => {
    let r = reply('local a = {}; local b = {a}; a[1] = b; return a');
    let depth = 0;
    while (r.type === 'array') {
      expect(r.value.length).toBe(1);
      depth++;
      r = r.value[0]!;
    }
    expect(depth).toBe(7995);
    expect(r).toEqual({ type: 'error', value: 'ERR reached lua stack limit' });
  });

  test('100,000 nested tables end the same way, without a JS stack overflow', () => {
    let r = reply('local t = {} local cur = t for i = 1, 100000 do cur[1] = {} cur = cur[1] end return t');
    let depth = 0;
    while (r.type === 'array' && r.value.length === 1) {
      depth++;
      r = r.value[0]!;
    }
    expect([depth, r]).toEqual([7995, { type: 'error', value: 'ERR reached lua stack limit' }]);
  });

  test('error and status texts (5.4, 6.3.2)', () => {
    expect(reply("return {err='x'}")).toEqual({ type: 'error', value: 'x' });
    expect(reply("return {err='-FOO bar'}")).toEqual({ type: 'error', value: '-FOO bar' });
    expect(reply("return {err='a\\r\\nb\\0c'}")).toEqual({ type: 'error', value: 'a  b' });
    expect(reply("return {ok='a\\r\\nb\\0c'}")).toEqual({ type: 'status', value: 'a  b' });
    expect(reply('return {err=1}')).toEqual({ type: 'array', value: [] });
    expect(reply("return {map={a='1'}}", { scriptResp: 2, clientResp: 3 })).toEqual({
      type: 'map', value: [[{ type: 'bulk', value: 'a' }, { type: 'bulk', value: '1' }]],
    });
  });
});
