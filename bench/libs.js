#!/usr/bin/env node
// Helper-library benchmark: cjson.encode/decode and cmsgpack.pack/unpack of
// a ~1 MB document on Valua (built dist), reported against the host's
// JSON.stringify/JSON.parse of the same data measured in the same run.
// Goal (issue "Valkey's helper libraries"): within 3x of native JSON.
// Not a test: prints a markdown table, fails on nothing but wrong results.
// (No JSON null in the document: cmsgpack packs cjson.null as nil, so the
// pack/unpack check below would see the key vanish.)
//
// Usage: node bench/libs.js [--reps N] [--size BYTES]
import { LuaState, LuaTable } from '@valua/vm';
import { openCjson, openCmsgpack } from '@valua/valkey-api';

function parseArgs(argv) {
  const opts = { reps: 15, size: 1 << 20 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--reps') opts.reps = Math.max(1, Number(argv[++i]));
    else if (argv[i] === '--size') opts.size = Math.max(1024, Number(argv[++i]));
    else {
      process.stderr.write('usage: node bench/libs.js [--reps N] [--size BYTES]\n');
      process.exit(2);
    }
  }
  return opts;
}

/** A deterministic document of roughly `size` bytes of JSON: records with strings, numbers, nesting. */
function makeDocument(size) {
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const words = ['alpha', 'beta', 'gamma', 'delta', 'key', 'value', 'valkey', 'lua', 'json', 'msgpack'];
  const items = [];
  let bytes = 0;
  while (bytes < size) {
    const rec = {
      id: items.length + 1,
      name: words[Math.floor(rnd() * words.length)] + '-' + Math.floor(rnd() * 100000),
      score: Math.round(rnd() * 1e6) / 100,
      active: rnd() > 0.5,
      tags: [words[Math.floor(rnd() * 10)], words[Math.floor(rnd() * 10)], 'x/y "q"'],
      pos: { x: Math.floor(rnd() * 1000) - 500, y: rnd() * 2 - 1 },
    };
    items.push(rec);
    bytes += JSON.stringify(rec).length + 1;
  }
  return { version: 1, items };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(reps, fn) {
  const out = [];
  let result;
  // Warm-up runs (JIT, caches) are not counted.
  for (let i = 0; i < 3; i++) fn();
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: median(out), min: Math.min(...out), result };
}

const opts = parseArgs(process.argv.slice(2));
const L = new LuaState();
const cjson = openCjson(L);
const cmsgpack = openCmsgpack(L);
const call = (lib, name, args) => L.invoke(lib.getStr(name), args);

const doc = makeDocument(opts.size);
const jsonText = JSON.stringify(doc);
// The byte string Valua sees (the document is ASCII, so latin1 == utf8).
const luaText = jsonText;

// Warm up every path once, and check the libraries agree with themselves.
const table = call(cjson, 'decode', [luaText])[0];
if (!(table instanceof LuaTable)) throw new Error('cjson.decode did not return a table');
const reencoded = call(cjson, 'encode', [table])[0];
const packed = call(cmsgpack, 'pack', [table])[0];
const unpacked = call(cmsgpack, 'unpack', [packed])[0];
const again = call(cjson, 'encode', [unpacked])[0];
if (typeof reencoded !== 'string' || reencoded.length < jsonText.length * 0.9) throw new Error('cjson.encode output looks wrong');
if (again.length !== reencoded.length) throw new Error('cmsgpack round trip changed the document');

const rows = [];
const add = (what, valua, native) => rows.push({ what, valua: valua.ms, native: native.ms, ratio: valua.ms / native.ms, best: valua.min / native.min });

const nParse = time(opts.reps, () => JSON.parse(jsonText));
const nStringify = time(opts.reps, () => JSON.stringify(nParse.result));
add('decode (cjson.decode vs JSON.parse)', time(opts.reps, () => call(cjson, 'decode', [luaText])), nParse);
add('encode (cjson.encode vs JSON.stringify)', time(opts.reps, () => call(cjson, 'encode', [table])), nStringify);
add('pack (cmsgpack.pack vs JSON.stringify)', time(opts.reps, () => call(cmsgpack, 'pack', [table])), nStringify);
add('unpack (cmsgpack.unpack vs JSON.parse)', time(opts.reps, () => call(cmsgpack, 'unpack', [packed])), nParse);

console.log(`document: ${jsonText.length} bytes of JSON, ${packed.length} bytes of MessagePack; median of ${opts.reps} runs, node ${process.version}\n`);
console.log('| operation | Valua ms (median) | native JSON ms (median) | ratio of medians | ratio of best runs |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.what} | ${r.valua.toFixed(2)} | ${r.native.toFixed(2)} | ${r.ratio.toFixed(2)}x | ${r.best.toFixed(2)}x |`);
