#!/usr/bin/env node
// Runs one Lua file on Valua exactly as `bin/valua file.lua` does (valuaMain
// over the bundle or the built dist, with bin/valua's libraries), and also reports on stderr, as
// the last line "#valua-run-ms <ms>", the time from a ready state to the end
// (compile + run), so the bench can show Valua's speed without Node's and
// the parser's start-up cost.

import { finish, loadEngine, readFileBytes, readStdinBytes } from '../../bin/node-host.js';
import { nodeStdlibHost, stdioWriter } from '../../bin/stdlib-host.js';

// The same engine bin/valua loads: the bundle when it is current (fast start),
// else the packages' dist.
const engine = await loadEngine('valua');
const { openCommandLineLibs, valuaMain } = engine;

const out = stdioWriter(1);
const err = stdioWriter(2, 'none');
// The libraries bin/valua opens: lua5.1's whole set plus the Valkey helpers.
const stdlibHost = nodeStdlibHost(engine, out);
let ready = 0n;
const status = valuaMain(['valua', ...process.argv.slice(2)], {
  readFile: readFileBytes,
  readStdin: readStdinBytes,
  readLine: () => Promise.resolve(undefined),
  stdout: out.write,
  stderr: (s) => {
    out.flush();
    err.write(s);
    err.flush();
  },
  stdinIsTty: false,
  getenv: stdlibHost.getenv,
  openLibs: (L) => {
    openCommandLineLibs(L, stdlibHost);
    ready = process.hrtime.bigint();
  },
});
// process.hrtime, not performance.now(): `performance` loads perf_hooks (memory bin/valua does not use)
const ms = Number(process.hrtime.bigint() - ready) / 1e6;
out.flush();
err.write(`#valua-run-ms ${ms.toFixed(3)}\n`);
finish(out, err, typeof status === 'number' ? status : 1);
