#!/usr/bin/env node
// Benchmark runner: every program in bench/programs runs on Valua (bin/valua,
// built dist), lua5.1, luajit (when installed) and fengari in the same run,
// each engine in its own child process, several repetitions. Reports the
// median wall time, the peak RSS (from /usr/bin/time) and the ratios
// Valua/lua5.1 and Valua/fengari as a markdown table on stdout, and the raw
// numbers as JSON in bench/results/latest.json (gitignored).
// Every program prints a checksum; the engines must print the same output, a
// mismatch is reported (never silently timed). This is not a test: nothing
// here fails on timing.
//
// Usage: node bench/run.js [--reps N] [--only fib,closures] [--engines valua,lua5.1] [--base DIR]
// --base DIR adds the engine "valua-base": DIR/bench/engines/valua-run.js, a
// copy of an earlier build (packages/*/dist, bin/node-host.js,
// bench/engines), so a change is measured against the version before it in
// the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);
const programsDir = join(benchDir, 'programs');
const TIMEOUT_MS = 180_000;

function parseArgs(argv) {
  const opts = { reps: 3, only: null, engines: null, base: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--reps') opts.reps = Math.max(1, Number(argv[++i]));
    else if (a === '--only') opts.only = String(argv[++i]).split(',');
    else if (a === '--engines') opts.engines = String(argv[++i]).split(',');
    else if (a === '--base') opts.base = String(argv[++i]);
    else {
      process.stderr.write(`unknown option ${a}\nusage: node bench/run.js [--reps N] [--only a,b] [--engines valua,lua5.1,luajit,fengari] [--base DIR]\n`);
      process.exit(2);
    }
  }
  return opts;
}

function onPath(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * The options bin/valua gives node on its first line
 * (`#!/usr/bin/env -S node --expose-gc ...`): Valua runs with the same ones
 * here, since they set its heap's sizes (see bin/valua).
 */
function valuaNodeOptions(dir) {
  const first = readFileSync(join(dir, 'bin', 'valua'), 'latin1').split('\n', 1)[0];
  const m = /\bnode((?:\s+--\S+)*)\s*$/.exec(first);
  return m ? m[1].trim().split(/\s+/).filter((o) => o !== '') : [];
}

// Every engine is a command line; the program file is appended.
function allEngines(base) {
  const engines = [
    // engines/valua-run.js is bin/valua's code path plus a "#valua-run-ms" line (time after start-up).
    { name: 'valua', cmd: [process.execPath, ...valuaNodeOptions(root), join(benchDir, 'engines', 'valua-run.js')], available: existsSync(join(root, 'packages', 'vm', 'dist', 'cli.js')) },
    { name: 'lua5.1', cmd: ['lua5.1'], available: onPath('lua5.1') !== null },
    { name: 'luajit', cmd: ['luajit'], available: onPath('luajit') !== null },
    { name: 'fengari', cmd: [process.execPath, join(benchDir, 'engines', 'fengari-run.js')], available: true },
  ];
  if (base !== null) {
    const runner = join(base, 'bench', 'engines', 'valua-run.js');
    const options = existsSync(join(base, 'bin', 'valua')) ? valuaNodeOptions(base) : [];
    engines.splice(1, 0, { name: 'valua-base', cmd: [process.execPath, ...options, runner], available: existsSync(runner) });
  }
  return engines;
}

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

// One run of one engine on one program: wall time measured around the child,
// peak RSS (KB) reported by GNU time into a side file so stderr stays the
// program's own.
function runOnce(engine, file) {
  const rssFile = join(tmpdir(), `valua-bench-rss-${process.pid}.txt`);
  const cmd = timeBin ? [timeBin, '-f', '%M', '-o', rssFile, ...engine.cmd, file] : [...engine.cmd, file];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'latin1', timeout: TIMEOUT_MS, maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let rssKB = null;
  if (timeBin && existsSync(rssFile)) {
    const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
    const v = Number(lines[lines.length - 1]);
    rssKB = Number.isFinite(v) ? v : null;
    rmSync(rssFile, { force: true });
  }
  let stderr = r.error ? String(r.error) : r.stderr ?? '';
  let runMs = null;
  const m = /(?:^|\n)#valua-run-ms ([0-9.]+)\n$/.exec(stderr);
  if (m) {
    runMs = Number(m[1]);
    stderr = stderr.slice(0, m.index);
  }
  const ok = r.status === 0 && !r.error && stderr === '';
  return { ok, ms, runMs, rssKB, stdout: r.stdout ?? '', stderr: stderr.slice(0, 500) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function main() {
  const opts = parseArgs(process.argv.slice(2));
  let engines = allEngines(opts.base).filter((e) => e.available);
  if (opts.engines) engines = engines.filter((e) => opts.engines.includes(e.name));
  let programs = readdirSync(programsDir).filter((f) => f.endsWith('.lua')).sort();
  if (opts.only) programs = programs.filter((p) => opts.only.includes(basename(p, '.lua')));

  const results = [];
  for (const prog of programs) {
    const file = join(programsDir, prog);
    const row = { program: basename(prog, '.lua'), engines: {}, checksumsAgree: true, reference: null };
    for (const engine of engines) {
      const runs = [];
      for (let i = 0; i < opts.reps; i++) {
        const r = runOnce(engine, file);
        runs.push(r);
        if (!r.ok) break; // a failing engine is reported once, not retried
      }
      const failed = runs.find((r) => !r.ok);
      const entry = failed
        ? { ok: false, error: failed.stderr.trim().split('\n')[0] || 'failed', stdout: failed.stdout }
        : {
            ok: true,
            medianMs: median(runs.map((r) => r.ms)),
            timesMs: runs.map((r) => Math.round(r.ms * 10) / 10),
            peakRssKB: runs.every((r) => r.rssKB !== null) ? Math.max(...runs.map((r) => r.rssKB)) : null,
            medianRunMs: runs.every((r) => r.runMs !== null) ? median(runs.map((r) => r.runMs)) : null,
            stdout: runs[0].stdout,
          };
      row.engines[engine.name] = entry;
      process.stderr.write(`${row.program} on ${engine.name}: ${entry.ok ? `${entry.medianMs.toFixed(0)} ms` : `FAILED (${entry.error})`}\n`);
    }
    // lua5.1 is the reference output when present; otherwise the first engine that ran.
    const ref = row.engines['lua5.1']?.ok ? row.engines['lua5.1'] : Object.values(row.engines).find((e) => e.ok);
    row.reference = ref ? ref.stdout : null;
    for (const [name, e] of Object.entries(row.engines)) {
      e.checksumOk = e.ok && e.stdout === row.reference;
      if (e.ok && !e.checksumOk) row.checksumsAgree = false;
      if (e.ok && !e.checksumOk) process.stderr.write(`  checksum mismatch on ${name}: ${JSON.stringify(e.stdout)} vs ${JSON.stringify(row.reference)}\n`);
    }
    const v = row.engines.valua;
    const ratio = (other) => (v?.ok && row.engines[other]?.ok ? v.medianMs / row.engines[other].medianMs : null);
    row.valuaOverLua51 = ratio('lua5.1');
    row.valuaOverFengari = ratio('fengari');
    const b = row.engines['valua-base'];
    row.baseOverLua51 = b?.ok && row.engines['lua5.1']?.ok ? b.medianMs / row.engines['lua5.1'].medianMs : null;
    row.baseRunOverLua51 = b?.ok && b.medianRunMs !== null && row.engines['lua5.1']?.ok ? b.medianRunMs / row.engines['lua5.1'].medianMs : null;
    // Start-up excluded on Valua's side only (lua5.1 starts in ~3 ms): the VM's own speed.
    row.valuaRunOverLua51 = v?.ok && v.medianRunMs !== null && row.engines['lua5.1']?.ok ? v.medianRunMs / row.engines['lua5.1'].medianMs : null;
    results.push(row);
  }

  const names = engines.map((e) => e.name);
  const fmtMs = (e) => (!e ? '-' : e.ok ? `${e.medianMs.toFixed(0)}${e.checksumOk ? '' : ' (wrong output)'}` : 'error');
  const fmtMB = (e) => (e?.ok && e.peakRssKB !== null ? (e.peakRssKB / 1024).toFixed(1) : '-');
  const fmtRatio = (x) => (x === null ? '-' : `${x.toFixed(2)}x`);
  const lines = [];
  lines.push(`Median of ${opts.reps} run(s), wall time in ms (each run is a fresh process, startup included); peak RSS in MB.`);
  lines.push('');
  const fmtRun = (e) => (e?.ok && e.medianRunMs !== null ? e.medianRunMs.toFixed(0) : '-');
  const hasBase = names.includes('valua-base');
  const baseHead = hasBase ? ' base run ms | base/lua5.1 | base run/lua5.1 |' : '';
  lines.push(`| program | ${names.map((n) => `${n} ms`).join(' | ')} |${baseHead} valua run ms | valua/lua5.1 | valua run/lua5.1 | valua/fengari | ${names.map((n) => `${n} MB`).join(' | ')} |`);
  lines.push(`|---|${names.map(() => '---:').join('|')}|${hasBase ? '---:|---:|---:|' : ''}---:|---:|---:|---:|${names.map(() => '---:').join('|')}|`);
  for (const row of results) {
    const baseCols = hasBase ? ` ${fmtRun(row.engines['valua-base'])} | ${fmtRatio(row.baseOverLua51)} | ${fmtRatio(row.baseRunOverLua51)} |` : '';
    lines.push(`| ${row.program} | ${names.map((n) => fmtMs(row.engines[n])).join(' | ')} |${baseCols} ${fmtRun(row.engines.valua)} | ${fmtRatio(row.valuaOverLua51)} | ${fmtRatio(row.valuaRunOverLua51)} | ${fmtRatio(row.valuaOverFengari)} | ${names.map((n) => fmtMB(row.engines[n])).join(' | ')} |`);
  }
  // The startup program measures fixed cost, not execution speed: it stays out of the means.
  const geo = (key) => {
    const xs = results.filter((r) => r.program !== 'startup').map((r) => r[key]).filter((x) => x !== null);
    return xs.length ? Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length) : null;
  };
  lines.push('');
  if (hasBase) lines.push(`Base build: base/lua5.1 ${fmtRatio(geo('baseOverLua51'))}, base run/lua5.1 ${fmtRatio(geo('baseRunOverLua51'))}.`);
  lines.push(`Geometric mean (without the startup program): valua/lua5.1 ${fmtRatio(geo('valuaOverLua51'))}, valua run (after start-up)/lua5.1 ${fmtRatio(geo('valuaRunOverLua51'))}, valua/fengari ${fmtRatio(geo('valuaOverFengari'))}.`);
  lines.push('"valua run ms": compile + run, from a ready state to the end (engines/valua-run.js), i.e. without Node and module start-up.');
  process.stdout.write(lines.join('\n') + '\n');

  const outDir = join(benchDir, 'results');
  mkdirSync(outDir, { recursive: true });
  const json = {
    date: new Date().toISOString(),
    node: process.version,
    reps: opts.reps,
    engines: names,
    geomean: { baseOverLua51: geo('baseOverLua51'), valuaOverLua51: geo('valuaOverLua51'), valuaRunOverLua51: geo('valuaRunOverLua51'), valuaOverFengari: geo('valuaOverFengari') },
    results: results.map((r) => ({
      ...r,
      engines: Object.fromEntries(Object.entries(r.engines).map(([n, e]) => [n, { ...e, stdout: undefined }])),
    })),
  };
  writeFileSync(join(outDir, 'latest.json'), JSON.stringify(json, null, 2) + '\n');
  if (results.some((r) => !r.checksumsAgree)) process.exitCode = 1;
}

main();
