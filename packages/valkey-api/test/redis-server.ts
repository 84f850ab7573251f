// Test helper: a private redis-server (7.0: its bundled cjson, cmsgpack,
// struct and bit are the versions Valkey 8 bundles) on a free loopback
// port, and a minimal pipelined RESP2 client for EVAL. Used only when
// `redis-server` is installed; nothing else is contacted.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { integerText, type RespValue } from '../src/resp.js';

export function haveRedis(): boolean {
  return spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).status === 0;
}

export type Reply = { status: string } | { error: string } | { int: string } | { bulk: string } | null | Reply[];

/** Our reply (luaToReply's RESP value) in the shape the server's replies are parsed into. */
export function replyForm(r: RespValue): Reply {
  switch (r.type) {
    case 'integer': return { int: integerText(r.value) };
    case 'bulk': return { bulk: r.value };
    case 'status': return { status: r.value };
    case 'error': return { error: r.value };
    case 'null': return null;
    case 'array': return r.value.map(replyForm);
    default: throw new Error('unexpected reply type ' + r.type);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr !== null ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function encode(args: string[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = Buffer.from(a, 'latin1');
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

class Incomplete {}

function parse(buf: Buffer, i: number): [Reply, number] {
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
    const arr: Reply[] = [];
    let p = n;
    for (let k = 0; k < len; k++) {
      const [v, q] = parse(buf, p);
      arr.push(v);
      p = q;
    }
    return [arr, p];
  }
  throw new Error('bad RESP type ' + String(t));
}

export class RedisServer {
  private proc: ChildProcess | undefined;
  port = 0;

  async start(): Promise<void> {
    this.port = await freePort();
    this.proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      try {
        const r = await this.commands([['PING']]);
        if (JSON.stringify(r[0]) === '{"status":"PONG"}') return;
      } catch {
        // not listening yet
      }
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('redis-server did not start');
  }

  stop(): void {
    if (this.proc !== undefined && this.proc.exitCode === null) this.proc.kill('SIGTERM');
  }

  /** Sends all commands pipelined on one connection; resolves with the replies in order. */
  commands(cmds: string[][]): Promise<Reply[]> {
    return new Promise((resolve, reject) => {
      const sock = net.connect(this.port, '127.0.0.1');
      let buf = Buffer.alloc(0);
      let pos = 0;
      const out: Reply[] = [];
      sock.on('error', reject);
      sock.on('connect', () => {
        for (const c of cmds) sock.write(encode(c));
      });
      sock.on('data', (d: Buffer) => {
        buf = Buffer.concat([buf.subarray(pos), d]);
        pos = 0;
        for (;;) {
          try {
            const [v, n] = parse(buf, pos);
            out.push(v);
            pos = n;
          } catch (e) {
            if (e instanceof Incomplete) break;
            reject(e);
            return;
          }
          if (out.length === cmds.length) {
            sock.end();
            resolve(out);
            return;
          }
        }
      });
    });
  }

  /** EVAL each script (no keys, given ARGV). */
  eval(scripts: string[][]): Promise<Reply[]> {
    return this.commands(scripts.map((s) => ['EVAL', s[0]!, '0', ...s.slice(1)]));
  }
}
