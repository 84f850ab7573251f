// undumpProto against lua5.1: chunks written by luac5.1 load and re-dump to
// the same bytes and run with lua5.1's output; mangled chunks (truncated,
// bad headers, random bytes, random instructions and function headers) get
// lua5.1's loadstring verdict, "ok" or the same message; and chunks that
// load, however odd, run without a JS exception escaping the VM.
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compileSource } from '../src/compiler/index.js';
import { dumpProto } from '../src/dump.js';
import { undumpProto } from '../src/undump.js';
import { LuaError, LUA_ERRSYNTAX } from '../src/errors.js';
import { Proto } from '../src/proto.js';
import { Op, encodeABC, encodeAsBx, getOp } from '../src/opcodes.js';
import { newState, runChunk } from '../src/run.js';
import { call } from '../src/call.js';
import { valuaMain } from '../src/cli.js';
import { capturedHost } from './property/captured-host.js';
import { compileFile, corpusFiles, lua51Records, records, READ_RECORDS, root } from './chunk-support.js';

const hasLua = spawnSync('lua5.1', ['-v']).status === 0 && spawnSync('luac5.1', ['-v']).status === 0;
// A fixed default seed (FC_SEED=<n> explores others). Seeds 444, 168, 192
// and others once made load-or-run of a mutated chunk hang (a synchronous
// hang jest cannot time out); those chunks are refused now, and the closing
// tests keep them as fixed cases.
const seed = Number(process.env['FC_SEED'] ?? 736930);
const runs = (n: number): number => Math.max(1, Math.round(n * Number(process.env['VALUA_FC_RUNS'] ?? 1)));

/** What loadstring(chunk) gives in Valua: "ok" or the message. Where only
 *  our extra checks (checkBeyond51: code that crashes lua5.1, allocates
 *  gigabytes or loops unseen by the work budget when run) refuse it,
 *  "ok (5.1 only)". */
function ourVerdict(chunk: string): string {
  const verdict = (lua51Only: boolean): string => {
    try {
      undumpProto(chunk, chunk, 0, lua51Only);
      return 'ok';
    } catch (e) {
      if (!(e instanceof LuaError)) throw e;
      expect(e.status === LUA_ERRSYNTAX || e.value === 'not enough memory').toBe(true);
      return String(e.value);
    }
  };
  const v = verdict(false);
  if (v.endsWith('bad code in precompiled chunk') && verdict(true) === 'ok') return 'ok (5.1 only)';
  return v;
}

/** lua5.1's loadstring verdicts for many chunks, one lua5.1 run. */
function lua51Verdicts(chunks: readonly string[]): string[] {
  const script = READ_RECORDS + `
for _, c in ipairs(chunks) do
  local f, e = loadstring(c)
  local r = f and "ok" or e
  io.write(#r, "\\n", r)
end`;
  return lua51Records(script, [], root, records(chunks)) as string[];
}

/** 5.1 allocates before it reads: with a huge count or size, whether it runs
 *  out of memory (lua5.1 runs under a 1 GB limit here) or reads on to the
 *  chunk's end (or to a bad item) depends on the machine. */
function sameVerdict(got: string, want: string): boolean {
  if (got === want || (got === 'ok (5.1 only)' && want === 'ok')) return true;
  if (want === 'not enough memory') return got !== 'ok';
  return got === 'not enough memory' && want.endsWith('unexpected end in precompiled chunk');
}

function compareVerdicts(chunks: readonly string[], label: (i: number) => string): void {
  const want = lua51Verdicts(chunks);
  expect(want.length).toBe(chunks.length);
  chunks.forEach((c, i) => {
    const got = ourVerdict(c);
    if (!sameVerdict(got, want[i]!)) {
      throw new Error(`${label(i)}: lua5.1 says ${JSON.stringify(want[i])}, Valua ${JSON.stringify(got)}`);
    }
  });
}

const SAMPLE_SOURCES = [
  'local a, b = ... return a + b',
  'local t = {1, 2, 3, x = "y", [10] = false}\nfor i, v in ipairs(t) do t[i] = v * 2 end\nreturn t',
  'local up = 0\nlocal function f(n, ...) up = up + n; if n > 0 then return f(n - 1, ...) end return select("#", ...) end\nreturn f(3, 1, 2)',
  'local s = "" for i = 1, 10 do s = s .. i end local x = #s > 3 and s or nil return x, 1e300, -0.5, 2^53',
  'local t = {} t[1], t[2] = 1, 2 local a = {...} return {f = function(self) return self end, unpack(a)}',
  'while true do local x = math and 1 if x then break end end repeat local y = 1 until y == 1 return',
];

/** Every Proto of a tree, parents first. */
function allProtos(p: Proto, out: Proto[] = []): Proto[] {
  out.push(p);
  for (const q of p.p) allProtos(q, out);
  return out;
}

/** Instruction words: any, or small operands that reach the deeper checks. */
const word = fc.oneof(
  fc.integer({ min: -0x80000000, max: 0x7fffffff }),
  // small operands: near-valid instructions reach the deeper checks
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 260 }))
    .map(([op, a, b, c]) => (op | (a << 6) | (c << 14) | (b << 23)) >> 0),
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: -6, max: 6 }))
    .map(([op, a, sbx]) => (op | (a << 6) | ((sbx + 131071) << 14)) >> 0),
);
const edit = fc.oneof(
  fc.record({ kind: fc.constant('code' as const), pc: fc.nat(), w: word }),
  fc.record({ kind: fc.constant('field' as const), which: fc.integer({ min: 0, max: 3 }), v: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('drop' as const), which: fc.integer({ min: 0, max: 2 }) }),
);

/** A sample chunk with a few instructions or function header fields edited,
 *  still well formed, so that what decides is the code check. */
const editedChunk = fc.tuple(fc.integer({ min: 0, max: SAMPLE_SOURCES.length - 1 }), fc.nat(), fc.array(edit, { minLength: 1, maxLength: 3 }))
  .map(([si, fi, edits]) => {
    const main = compileSource(SAMPLE_SOURCES[si]!, '=sample');
    const protos = allProtos(main);
    const f = protos[fi % protos.length]!;
    for (const e of edits) {
      if (e.kind === 'code') {
        f.code = Int32Array.from(f.code);
        f.code[e.pc % f.code.length] = e.w;
      } else if (e.kind === 'field') {
        if (e.which === 0) f.maxStackSize = e.v;
        else if (e.which === 1) f.numUpvalues = e.v;
        else if (e.which === 2) f.numParams = e.v;
        else f.isVararg = e.v & 7;
      } else if (e.which === 0) f.k = f.k.slice(0, -1);
      else if (e.which === 1) f.p = f.p.slice(0, -1);
      else f.lineinfo = f.lineinfo.slice(0, -1);
    }
    return dumpProto(main);
  });

(hasLua ? describe : describe.skip)('undump of luac5.1 chunks', () => {
  const files = corpusFiles();

  test('every corpus file: string.dump of lua5.1 loads and dumps back to the same bytes, stripped too', () => {
    const script = `
for _, p in ipairs(arg) do
  local f = loadfile(p)
  if f then local d = string.dump(f) io.write(#d, "\\n", d) else io.write("-1\\n") end
end`;
    const dumps = lua51Records(script, files, root);
    let n = 0;
    dumps.forEach((d, i) => {
      if (d === null || d === undefined) return;
      const p = undumpProto(d, '@' + files[i]);
      expect(dumpProto(p)).toBe(d);
      const stripped = dumpProto(p, true);
      const q = undumpProto(stripped, '=s');
      expect(q.source).toBe('=?');
      expect(dumpProto(q, true)).toBe(stripped);
      // as in lua5.1, a function loaded from a stripped chunk dumps with source "=?"
      expect(dumpProto(q)).toBe(stripped.slice(0, 12) + '\x03\0\0\0\0\0\0\0=?\0' + stripped.slice(20));
      n++;
    });
    expect(n).toBeGreaterThan(100);
  });

  test('luac5.1 output runs in valua as in lua5.1 (the differential corpus, plain and stripped)', () => {
    const corpus = join(root, 'packages/vm/test/lua');
    const skip = new Set(readFileSync(join(corpus, 'skip.txt'), 'utf8').split('\n')
      .filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split(/\s+/)[0]));
    const cases = files.filter((f) => f.startsWith('packages/vm/test/lua/'))
      .map((f) => f.slice('packages/vm/test/lua/'.length)).filter((c) => !skip.has(c));
    expect(cases.length).toBeGreaterThan(100);
    const dir = mkdtempSync(join(tmpdir(), 'valua-undump-'));
    try {
      let compared = 0;
      for (const rel of cases) {
        for (const strip of [false, true]) {
          const out = (strip ? 's/' : 'p/') + rel + 'c';
          mkdirSync(dirname(join(dir, out)), { recursive: true });
          const args = strip ? ['-s', '-o', join(dir, out), rel] : ['-o', join(dir, out), rel];
          if (spawnSync('luac5.1', args, { cwd: corpus }).status !== 0) continue;
          const want = spawnSync('lua5.1', [out], { cwd: dir, encoding: 'latin1', timeout: 30_000 });
          const host = capturedHost(dir, 10_000);
          const status = valuaMain(['valua', out], host);
          const got = { stdout: host.out.join(''), stderr: host.err.join(''), status };
          expect({ case: out, ...got }).toEqual({
            case: out, stdout: want.stdout, stderr: want.stderr.replace(/^lua5\.1:/gm, 'valua:'), status: want.status,
          });
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

(hasLua ? describe : describe.skip)('mangled chunks get lua5.1\'s verdict', () => {
  const bases = SAMPLE_SOURCES.map((s) => dumpProto(compileSource(s, '=sample')));

  test('every truncation, and a chunk that is only a signature', () => {
    const chunks: string[] = ['\x1b', '\x1bLua', '\x1bLuaQ', '\x1bLua\x51\x00\x01\x04\x08\x04\x08'];
    for (const b of bases.slice(0, 3)) for (let n = 1; n < b.length; n++) chunks.push(b.slice(0, n));
    compareVerdicts(chunks, (i) => `truncated to ${chunks[i]!.length} bytes`);
  });

  test('every header byte changed', () => {
    const chunks: string[] = [];
    const b = bases[0]!;
    for (let i = 1; i < 12; i++) {
      for (const v of [0, 1, 4, 8, 0x51, 0x50, 0xff]) {
        if (v !== b.charCodeAt(i)) chunks.push(b.slice(0, i) + String.fromCharCode(v) + b.slice(i + 1));
      }
    }
    compareVerdicts(chunks, (i) => `header byte changed: ${JSON.stringify(chunks[i]!.slice(0, 12))}`);
  });

  test(`random bytes changed (seed ${seed})`, () => {
    const chunks: string[] = [];
    fc.assert(fc.property(
      fc.integer({ min: 0, max: bases.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      (bi, edits) => {
        let c = bases[bi]!;
        for (const [pos, v] of edits) {
          const at = 12 + (pos % (c.length - 12));
          c = c.slice(0, at) + String.fromCharCode(v) + c.slice(at + 1);
        }
        chunks.push(c);
      },
    ), { seed, numRuns: runs(600) });
    compareVerdicts(chunks, (i) => `mutated chunk #${i} (seed ${seed})`);
  });

  test(`random instructions and function headers (luaG_checkcode, seed ${seed})`, () => {
    // Edits that keep the chunk well formed, so the verdict is the code check's.
    const chunks: string[] = [];
    fc.assert(fc.property(editedChunk, (c) => { chunks.push(c); }), { seed, numRuns: runs(1500) });
    compareVerdicts(chunks, (i) => `edited chunk #${i} (seed ${seed})`);
  });

  test('chunk names in the messages, as lundump.c forms them', () => {
    const script = READ_RECORDS + `
for _, name in ipairs{"=stdin", "@file.lua", "plain", "[string \\"x\\"]"} do
  local _, e = loadstring(chunks[1], name)
  io.write(#e, "\\n", e)
end`;
    const want = lua51Records(script, [], root, records([bases[0]!.slice(0, 20)]));
    const got = ['=stdin', '@file.lua', 'plain', '[string "x"]'].map((name) => {
      try {
        undumpProto(bases[0]!.slice(0, 20), name);
        return 'ok';
      } catch (e) {
        return String((e as LuaError).value);
      }
    });
    expect(got).toEqual(want);
  });

  test('nesting deeper than 5.1 allows is "code too deep", at the same depth from loadstring', () => {
    const nested = (depth: number): string => {
      let p = compileSource('return 1', '=deep');
      for (let d = 1; d < depth; d++) {
        const outer = compileSource('local function f() end return f', '=deep');
        outer.p = [p];
        p = outer;
      }
      return dumpProto(p);
    };
    const depths = [150, 190, 195, 196, 197, 198, 199, 200, 201, 202];
    const chunks = depths.map(nested);
    const want = lua51Verdicts(chunks);
    // loadstring from a running script, as lua51Verdicts calls it
    const got = chunks.map((c) => {
      const L = newState();
      L.setGlobal('CHUNK', c);
      const r = runChunk('local f, e = loadstring(CHUNK) RESULT = f and "ok" or e', '=verdict', { state: L });
      expect(r.error).toBeUndefined();
      return String(L.getGlobal('RESULT'));
    });
    expect(want).toContain('ok');
    expect(want).toContain('binary string: code too deep in precompiled chunk');
    expect(got.map((g, i) => `${depths[i]}: ${g}`)).toEqual(want.map((w, i) => `${depths[i]}: ${w}`));
  });
});

describe('loading binary chunks in a state', () => {
  test('a dumped function loads, runs, and its upvalues start nil', () => {
    const L = newState();
    const src = 'local up = 41 return function(x) up = (up or 0) + x return up end';
    const outer = L.load(src, '=t');
    L.push(outer);
    L.call(0, 1);
    const inner = L.stack[L.top - 1];
    L.top--;
    const chunk = dumpProto((inner as { proto: Proto }).proto);
    const loaded = L.load(chunk, chunk);
    L.push(loaded);
    L.push(5);
    L.call(1, 1);
    expect(L.stack[L.top - 1]).toBe(5);
  });

  test('with g.textOnly a binary chunk is text: Valkey\'s "unexpected symbol near \'char(27)\'"', () => {
    const L = newState();
    L.g.textOnly = true;
    const chunk = dumpProto(compileSource('return 1', '=t'));
    expect(() => L.load(chunk, chunk)).toThrow('[string "\x1bLuaQ"]:1: unexpected symbol near \'char(27)\'');
    L.g.textOnly = false;
    expect(() => L.load(chunk, chunk)).not.toThrow();
  });
});

/** Loads `c` in a fresh state and, if it loads, calls it (a work budget
 *  stops loops); any exception must be a LuaError that is not a converted
 *  JS error. True when it loaded. */
function loadAndRun(c: string): boolean {
  const L = newState();
  let fn;
  try {
    fn = L.load(c, '=fuzz');
  } catch (e) {
    if (!(e instanceof LuaError)) throw e;
    return false;
  }
  let units = 0;
  L.g.setBudgetHook(1000, () => {
    if (++units > 50) throw new LuaError('budget spent');
  });
  const base = L.top;
  L.push(fn);
  L.push(1);
  L.push('x');
  try {
    call(L, base, -1);
  } catch (e) {
    if (!(e instanceof LuaError)) throw e;
    // a JS error converted on the way would show its text here
    expect(String(e.value)).not.toMatch(/Cannot read|is not a function|is not iterable|Invalid array|Cannot convert|Maximum call stack|undefined/);
  }
  return true;
}

describe('no JS exception escapes from loading or running mutated chunks', () => {
  test(`mutated chunks load or fail with a LuaError, and what loads runs to a Lua result (seed ${seed})`, () => {
    const bases = SAMPLE_SOURCES.map((s) => dumpProto(compileSource(s, '=sample')));
    let loaded = 0;
    fc.assert(fc.property(
      fc.integer({ min: 0, max: bases.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: -0x80000000, max: 0x7fffffff })), { maxLength: 2 }),
      (bi, edits, words) => {
        let c = bases[bi]!;
        for (const [pos, v] of edits) {
          const at = 12 + (pos % (c.length - 12));
          c = c.slice(0, at) + String.fromCharCode(v) + c.slice(at + 1);
        }
        // whole instruction words too: rewrite 4 aligned-ish bytes
        for (const [pos, w] of words) {
          const at = 12 + (pos % (c.length - 16));
          c = c.slice(0, at) + String.fromCharCode(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff) + c.slice(at + 4);
        }
        if (loadAndRun(c)) loaded++;
      },
    ), { seed, numRuns: runs(800) });
    expect(loaded).toBeGreaterThan(0);
  });

  test(`chunks with edited instructions and headers that load, run (seed ${seed})`, () => {
    let loaded = 0;
    fc.assert(fc.property(editedChunk, (c) => { if (loadAndRun(c)) loaded++; }), { seed, numRuns: runs(1500) });
    expect(loaded).toBeGreaterThan(50);
  });
});

(hasLua ? describe : describe.skip)('chunks lua5.1 loads but would crash or hang on are refused (fuzz regressions)', () => {
  /** A sample compiled, its main function's code replaced (line info to match). */
  const withCode = (si: number, edit: (code: Int32Array) => void): string => {
    const main = compileSource(SAMPLE_SOURCES[si]!, '=sample');
    main.code = Int32Array.from(main.code);
    edit(main.code);
    main.lineinfo = new Int32Array(main.code.length).fill(1);
    return dumpProto(main);
  };
  const cases: [string, string][] = [
    // FC_SEED=444: LOADBOOL with C = 511 skips the closing RETURN (lua5.1
    // segfaults running it; Valua read past the code forever)
    ['LOADBOOL C > 1 before the last RETURN', withCode(3, (c) => { c[c.length - 2] = encodeABC(Op.LOADBOOL, 4, 255, 511); })],
    // skipping onto a SETLIST count word, whose operands nobody checks
    ['LOADBOOL C > 1 onto a SETLIST count word', withCode(1, (c) => {
      const at = c.findIndex((i) => getOp(i) === Op.SETLIST);
      c[at - 1] = encodeABC(Op.LOADBOOL, 5, 1, 2);
      c[at] = encodeABC(Op.SETLIST, 0, 3, 0);
      c[at + 1] = 1;
    })],
    // FC_SEED=192 and 168: a backward FORPREP loops where the budget does not count
    ['FORPREP jumping to itself', withCode(3, (c) => { c[18] = encodeAsBx(Op.FORPREP, 0, -1); })],
    ['FORPREP jumping backward', withCode(3, (c) => { c[19] = encodeAsBx(Op.FORPREP, 1, -5); })],
    // FC_SEED=172: FORLOOP on registers holding a table and a function: JS
    // arithmetic on them doubled a string to a RangeError
    ['FORLOOP without its FORPREP', withCode(1, (c) => { c[9] = encodeAsBx(Op.FORLOOP, 0, -3); })],
  ];

  test('lua5.1 loads them; Valua refuses them as bad code, and loads them with lua5.1\'s checks only', () => {
    const chunks = cases.map(([, c]) => c);
    expect(lua51Verdicts(chunks)).toEqual(cases.map(() => 'ok'));
    expect(chunks.map(ourVerdict)).toEqual(cases.map(() => 'ok (5.1 only)'));
    for (const c of chunks) {
      expect(() => undumpProto(c, '=fuzz')).toThrow('fuzz: bad code in precompiled chunk');
      expect(loadAndRun(c)).toBe(false);
    }
  });

  test('what the extra checks let through: a table built and looped over in nested numeric fors', () => {
    const src = 'local t = {} for i = 1, 3 do for j = i, 3, 2 do t[#t + 1] = i * j end end ' +
      'local u = {1, 2, 3, t} for k = #u, 1, -1 do local x = {k, k} u[k] = x[1] end return #t, u[1], u[4]';
    const chunk = dumpProto(compileSource(src, '=ok'));
    expect(lua51Verdicts([chunk])).toEqual(['ok']);
    expect(ourVerdict(chunk)).toBe('ok');
    expect(loadAndRun(chunk)).toBe(true);
  });
});
