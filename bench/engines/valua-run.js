#!/usr/bin/env node
// Runs one Lua file on Valua exactly as `bin/valua file.lua` does (valuaMain
// over the bundle or the built dist, the VM's libraries), and also reports on stderr, as
// the last line "#valua-run-ms <ms>", the time from a ready state to the end
// (compile + run), so the bench can show Valua's speed without Node's and
// the parser's start-up cost.
import { performance } from 'node:perf_hooks';
import { byteWriter, finish, loadEngine, readFileBytes, readStdinBytes } from '../../bin/node-host.js';

// The same engine bin/valua loads: the bundle when it is current (fast start),
// else the packages' dist.
const { openStandardLibs, valuaMain } = await loadEngine('valua');

const file = process.argv[2];
const out = byteWriter(1);
const err = byteWriter(2);
let ready = 0;
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
  getenv: (name) => process.env[name],
  openLibs: (L) => {
    openStandardLibs(L);
    ready = performance.now();
  },
});
const ms = performance.now() - ready;
out.flush();
err.write(`#valua-run-ms ${ms.toFixed(3)}\n`);
finish(out, err, typeof status === 'number' ? status : 1);
void file;
