#!/usr/bin/env node
// Records what redis-server 7.0 (whose bundled cjson, cmsgpack, struct and
// bit are the versions Valkey 8 bundles) replies to each script of
// test/golden/library-cases.json into test/golden/library-cases.expected.json.
// test/library-cases.test.ts replays the scripts on Valua and compares.
// Usage: node packages/valkey-api/scripts/record-library-cases.mjs
// Starts a private redis-server on a free loopback port and stops it.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const golden = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'golden');
const cases = JSON.parse(readFileSync(join(golden, 'library-cases.json'), 'utf8'));

function encode(args) {
  const parts = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = Buffer.from(a, 'latin1');
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

class Incomplete {}
function parse(buf, i) {
  if (i >= buf.length) throw new Incomplete();
  const t = buf[i];
  const e = buf.indexOf('\r\n', i);
  if (e < 0) throw new Incomplete();
  const line = buf.toString('latin1', i + 1, e);
  const n = e + 2;
  if (t === 43) return [{ status: line }, n];
  if (t === 45) return [{ error: line }, n];
  if (t === 58) return [{ int: line }, n];
  if (t === 36) {
    const len = Number(line);
    if (len < 0) return [null, n];
    if (n + len + 2 > buf.length) throw new Incomplete();
    return [{ bulk: buf.toString('latin1', n, n + len) }, n + len + 2];
  }
  if (t === 42) {
    const len = Number(line);
    if (len < 0) return [null, n];
    const arr = [];
    let p = n;
    for (let k = 0; k < len; k++) {
      const [v, q] = parse(buf, p);
      arr.push(v);
      p = q;
    }
    return [arr, p];
  }
  throw new Error('bad RESP type ' + t);
}

function run(port, cmds) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    const out = [];
    sock.on('error', reject);
    sock.on('connect', () => cmds.forEach((c) => sock.write(encode(c))));
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        let v, n;
        try {
          [v, n] = parse(buf, 0);
        } catch (e) {
          if (e instanceof Incomplete) return;
          reject(e);
          return;
        }
        buf = buf.subarray(n);
        out.push(v);
        if (out.length === cmds.length) {
          sock.end();
          resolve(out);
          return;
        }
      }
    });
  });
}

const port = await new Promise((resolve) => {
  const srv = net.createServer().listen(0, '127.0.0.1', () => {
    const p = srv.address().port;
    srv.close(() => resolve(p));
  });
});
const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
try {
  for (let i = 0; ; i++) {
    try {
      await run(port, [['PING']]);
      break;
    } catch {
      if (i > 100) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const version = (await run(port, [['INFO', 'server']]))[0].bulk.match(/redis_version:(\S+)/)[1];
  // Each script on a fresh connection after SCRIPT FLUSH: cjson settings never leak between cases.
  const results = [];
  for (const c of cases) {
    const [, r] = await run(port, [['SCRIPT', 'FLUSH'], ['EVAL', c.script, '0', ...(c.args ?? [])]]);
    results.push(r);
  }
  writeFileSync(join(golden, 'library-cases.expected.json'), Buffer.from(JSON.stringify({ recorded_on: `redis-server ${version}`, replies: results }, null, 1) + '\n', 'latin1'));
  console.log(`recorded ${results.length} replies from redis-server ${version}`);
} finally {
  server.kill('SIGTERM');
}
