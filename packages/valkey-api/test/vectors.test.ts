// Replays the spec's cjson-, msgpack-, struct- and bit- vectors (spec §21):
// each script runs as an EVAL body would (chunk "@user_script", KEYS/ARGV,
// base/string/table/math plus the four helper libraries), its first return
// value goes through luaToReply (§6.3), and the reply must equal `expect`.
// Raised errors are compared without the server's framing (§5.2).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LuaError } from '@valua/vm';
import { luaToReply } from '../src/reply.js';
import { bytes, loadVectors, stripErrorFraming, toExpectForm } from './vectors.js';
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

void LuaError;
