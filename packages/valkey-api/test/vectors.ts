// Test helper: loads the spec's public vectors and compares replies with
// their `expect` field (spec §21).

import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RespValue } from '../src/resp.js';
import { formatDoubleReply } from '../src/resp.js';

export type Bytes = string | { hex: string };

export interface Vector {
  id: string;
  script: Bytes;
  keys: Bytes[];
  args: Bytes[];
  resp: number;
  expect: unknown;
  order_dependent?: boolean;
  unordered?: boolean;
}

/** shared/ lies beside the repository (in the working tree and in CI). */
export function vectorsPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const p = join(dir, 'shared', 'spec', 'vectors-public.jsonl');
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  throw new Error('shared/spec/vectors-public.jsonl not found beside the repository');
}

export function loadVectors(prefixes: readonly string[]): Vector[] {
  const text = readFileSync(vectorsPath(), 'utf8');
  const out: Vector[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const v = JSON.parse(line) as Vector;
    if (prefixes.some((p) => v.id.startsWith(p))) out.push(v);
  }
  return out;
}

/** A vector string as the byte string the server saw (JSON text is UTF-8). */
export function bytes(b: Bytes): string {
  if (typeof b === 'string') return Buffer.from(b, 'utf8').toString('latin1');
  return Buffer.from(b.hex, 'hex').toString('latin1');
}

/** A reply in the vectors' notation (byte strings as UTF-8 text or hex). */
export function toExpectForm(r: RespValue): unknown {
  switch (r.type) {
    case 'integer':
      return { int: r.value };
    case 'bulk': {
      const buf = Buffer.from(r.value, 'latin1');
      const text = buf.toString('utf8');
      return Buffer.from(text, 'utf8').equals(buf) ? { bulk: text } : { bulk_hex: buf.toString('hex') };
    }
    case 'status':
      return { status: Buffer.from(r.value, 'latin1').toString('utf8') };
    case 'error':
      return { error: Buffer.from(r.value, 'latin1').toString('utf8') };
    case 'null':
      return { nil: true };
    case 'array':
      return { array: r.value.map(toExpectForm) };
    case 'map':
      return { map: r.value.map(([k, v]) => [toExpectForm(k), toExpectForm(v)]) };
    case 'set':
      return { set: r.value.map(toExpectForm) };
    case 'double':
      return { double: formatDoubleReply(r.value) };
    case 'boolean':
      return { bool: r.value };
    case 'verbatim':
      return { verbatim: [r.format, Buffer.from(r.value, 'latin1').toString('utf8')] };
    case 'bignum':
      return { big_number: r.value };
  }
}

/**
 * The Lua error text inside a server error line (spec §5.2): the line less
 * its "ERR " prefix (added to non-table errors) and its
 * " script: <sha>, on @user_script:<line>." suffix.
 */
export function stripErrorFraming(line: string): string {
  const m = / script: [0-9a-f]{40}, on @user_script:\d+\.$/.exec(line);
  let s = m ? line.slice(0, m.index) : line;
  if (s.startsWith('ERR ')) s = s.slice(4);
  return s;
}

/** Sorts set elements and map entries at every depth (vectors flagged `unordered`). */
export function unordered(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(unordered);
  if (x !== null && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) {
      let v = unordered(o[k]);
      if ((k === 'set' || k === 'map') && Array.isArray(v)) v = [...v].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      out[k] = v;
    }
    return out;
  }
  return x;
}
