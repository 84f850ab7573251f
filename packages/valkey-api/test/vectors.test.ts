// Replays the spec's cjson-, msgpack-, struct- and bit- vectors (spec §21):
// each script runs as an EVAL body would (chunk "@user_script", KEYS/ARGV,
// base/string/table/math plus the four helper libraries), its first return
// value goes through luaToReply (§6.3), and the reply must equal `expect`.
// Raised errors are compared without the server's framing (§5.2).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { luaToReply } from '../src/reply.js';
import { bytes, loadVectors, stripErrorFraming, toExpectForm, unordered } from './vectors.js';
import { LuaHostFunction, LuaTable } from '@valua/vm';
import { scriptState } from './script-state.js';
import { runScript } from './script-state.js';

const skips = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'vector-skips.json'), 'utf8'),
) as Record<string, string>;

const vectors = loadVectors(['cjson-', 'msgpack-', 'struct-', 'bit-']);

describe('library vectors (valkey-8.0.1 replies)', () => {
  test('all vectors are present and every skip names a real vector', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(179);
    const ids = new Set(vectors.map((v) => v.id));
    for (const id of Object.keys(skips)) expect(ids.has(id)).toBe(true);
  });

  for (const v of vectors) {
    const run = skips[v.id] === undefined ? test : test.skip;
    run(v.id, () => {
      const outcome = runScript(bytes(v.script), v.keys.map(bytes), v.args.map(bytes));
      const exp = v.expect as { error?: string };
      if (outcome.error !== undefined) {
        expect({ error: outcome.error }).toEqual(
          exp.error === undefined ? v.expect : { error: Buffer.from(stripErrorFraming(exp.error), 'utf8').toString('latin1') },
        );
      } else {
        expect(toExpectForm(luaToReply(outcome.value, { scriptResp: 2, clientResp: 2 }))).toEqual(v.expect);
      }
    });
  }
});


// The Lua -> reply conversion (spec 6.3) on the server's own ret2-/ret3-
// vectors. A test stand-in for server.setresp(n) records the script's RESP
// mode (the real one belongs to the scripting layer); vectors that need
// server commands are out of scope here.
const replyVectors = loadVectors(['ret2-', 'ret3-']);

describe('reply conversion vectors (valkey-8.0.1 replies)', () => {
  for (const v of replyVectors) {
    const script = bytes(v.script);
    const needsServer = /\b(redis|server)\.p?call\b/.test(script);
    (needsServer ? test.skip : test)(v.id + (needsServer ? ' (needs server.call: out of scope)' : ''), () => {
      const L = scriptState(v.keys.map(bytes), v.args.map(bytes));
      let mode: 2 | 3 = 2;
      const api = new LuaTable();
      api.setStr('setresp', new LuaHostFunction('setresp', (L1) => {
        mode = L1.checkInteger(1) === 3 ? 3 : 2;
        return 0;
      }));
      L.setGlobal('redis', api);
      const outcome = runScript(script, [], [], L);
      expect(outcome.error).toBeUndefined();
      const got = toExpectForm(luaToReply(outcome.value, { scriptResp: mode, clientResp: v.resp === 3 ? 3 : 2 }));
      expect(v.unordered ? unordered(got) : got).toEqual(v.unordered ? unordered(v.expect) : v.expect);
    });
  }
});
