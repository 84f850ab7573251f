// The Node side of bin/valua and bin/valuac: loading the engine (the
// bundle `pnpm build` writes, see loadEngine), files as byte strings, stdout
// and stderr as latin1 bytes (buffered, flushed in order), stdin whole or a
// line at a time (readline on a terminal; otherwise the echo Debian's
// readline-linked lua5.1 gives piped input, see pipedLineReader).
import { createRequire } from 'node:module';

// Node modules a plain run never needs (readline, tty, child_process,
// crypto, os and the stream/net modules they pull in) are loaded at their
// first use: importing them all up front costs ~4 MB of resident memory
// and some start-up time, for a REPL, a popen or a tmpname most scripts
// never reach. fs comes through require too: an ESM import of node:fs reads
// every export, and its lazy ReadStream/WriteStream getters load Node's
// twenty stream modules.
const require = createRequire(import.meta.url);
export const fs = require('node:fs');
const { fstatSync, readFileSync, statSync, writeSync } = fs;

/** A Node module loaded at its first use (see above). */
export function lazyModule(name) {
  let m;
  return () => (m ??= require(name));
}

const ttyModule = lazyModule('node:tty');

/**
 * isatty(3). Pipes, sockets, regular files and directories are never
 * terminals, which fstat tells without loading Node's tty module; only a
 * character device (a terminal, /dev/null) asks it.
 */
export function isTerminal(fd) {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false; // a closed descriptor
  }
  return ttyModule().isatty(fd);
}

// strerror texts are shared with valuac (one table, in the compiler's
// valuac.ts); loadEngine sets it from the engine it loads.
let STRERROR = {};

function moduleMissing(e) {
  return e !== null && typeof e === 'object' && e.code === 'ERR_MODULE_NOT_FOUND';
}

/**
 * The packages each command line's engine is made of: scripts/bundle.js
 * bundles their dist, loadEngine falls back to it. valua adds the standard
 * library and the helper libraries (openCommandLineLibs).
 */
const ENGINE_PACKAGES = {
  valua: ['lexer', 'parser', 'vm', 'stdlib', 'valkey-api'],
  valuac: ['lexer', 'parser', 'vm'],
};

/**
 * Whether bin/dist/<cli>.js exists and is not older than the last `tsc -b`
 * of the packages it bundles (their tsbuildinfo files), so that a rebuilt
 * package is never shadowed by a stale bundle.
 */
function bundleIsCurrent(cli) {
  let built;
  try {
    built = statSync(new URL(`./dist/${cli}.js`, import.meta.url)).mtimeMs;
  } catch {
    return false;
  }
  for (const pkg of ENGINE_PACKAGES[cli]) {
    try {
      if (statSync(new URL(`../packages/${pkg}/tsconfig.tsbuildinfo`, import.meta.url)).mtimeMs > built) return false;
    } catch {
      // no build info (an installed copy): nothing to compare
    }
  }
  return true;
}

/**
 * Imports the engine of the command line `cli` ('valua' or 'valuac'): the
 * bundle bin/dist/<cli>.js that `pnpm build` writes (scripts/bundle.js), in
 * which Node loads one file instead of chevrotain's graph of hundreds of
 * modules. When the bundle is missing or older than the packages' dist, the
 * dist is loaded directly, which works but starts about 0.3 s slower (a note
 * says so on a terminal; pipes get lua5.1's exact output). Without either,
 * the command exits with a message to build first.
 */
export async function loadEngine(cli) {
  let engine;
  if (bundleIsCurrent(cli)) engine = await import(`./dist/${cli}.js`);
  else {
    try {
      engine = await import('../packages/vm/dist/index.js');
      // The libraries above the VM (they import the same vm dist: one engine)
      for (const pkg of ['stdlib', 'valkey-api']) {
        if (ENGINE_PACKAGES[cli].includes(pkg)) engine = { ...engine, ...(await import(`../packages/${pkg}/dist/index.js`)) };
      }
    } catch (e) {
      if (!moduleMissing(e)) throw e;
      process.stderr.write(`${cli}: Valua is not built (${e.message}); run \`pnpm build\` first\n`);
      process.exit(1);
    }
    if (process.stderr.isTTY) {
      process.stderr.write(`${cli}: note: bin/dist/${cli}.js is missing or stale, loading the unbundled packages (slow start); \`pnpm build\` rebuilds it\n`);
    }
  }
  STRERROR = engine.STRERROR;
  return engine;
}

/** readFile for both CLIs: throws an Error with strerror's text and `op`. */
export function readFileBytes(path) {
  try {
    // path is a byte string: its bytes, not their UTF-8 encoding, name the file
    return readFileSync(Buffer.from(path, 'latin1'), 'latin1');
  } catch (e) {
    const code = e && e.code;
    const err = new Error(STRERROR[code] ?? (e instanceof Error ? e.message : String(e)));
    // A directory opens under C's fopen and fails on read.
    err.op = code === 'EISDIR' ? 'read' : 'open';
    throw err;
  }
}

/** Writes all of buf to fd, retrying when a non-blocking pipe is full. */
function writeAll(fd, buf) {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      if (e && e.code === 'EAGAIN') continue;
      if (e && e.code === 'EPIPE') return;
      throw e;
    }
  }
}

/** An output stream of byte strings, buffered up to 64 KB. */
export function byteWriter(fd) {
  let pending = '';
  const flush = () => {
    if (pending !== '') {
      const s = pending;
      pending = '';
      writeAll(fd, Buffer.from(s, 'latin1'));
    }
  };
  const write = (s) => {
    pending += s;
    if (pending.length >= 65536) flush();
  };
  return { write, flush };
}

export function readStdinBytes() {
  try {
    return readFileSync(0, 'latin1');
  } catch (e) {
    if (e && (e.code === 'EAGAIN' || e.code === 'EOF')) return '';
    throw e;
  }
}

export function stdinIsTty() {
  return isTerminal(0);
}

/** Line reader for a terminal: readline with the prompt, bytes in/out as UTF-8 terminal text. */
export function ttyLineReader(out) {
  let rl;
  let closed = false;
  const lines = [];
  const waiters = [];
  const ensure = () => {
    if (rl) return;
    rl = require('node:readline').createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    rl.on('line', (line) => {
      const bytes = Buffer.from(line, 'utf8').toString('latin1');
      const w = waiters.shift();
      if (w) w(bytes);
      else lines.push(bytes);
    });
    rl.on('close', () => {
      // GNU readline ends the line it was reading when input ends (lua5.1 then adds its own "\n").
      if (!closed) process.stdout.write('\n');
      closed = true;
      for (const w of waiters.splice(0)) w(undefined);
    });
  };
  return (prompt) => {
    out.flush();
    ensure();
    if (lines.length > 0) return Promise.resolve(lines.shift());
    if (closed) return Promise.resolve(undefined);
    rl.setPrompt(Buffer.from(prompt, 'latin1').toString('utf8'));
    rl.prompt();
    return new Promise((resolve) => waiters.push(resolve));
  };
}

/** Chunks of a non-terminal stdin as byte strings, undefined at the end. */
export function stdinChunks() {
  // Created on first use: `valua -` reads stdin synchronously and must find it unread.
  let it;
  return async () => {
    it ??= process.stdin[Symbol.asyncIterator]();
    const r = await it.next();
    if (r.done) return undefined;
    return Buffer.from(r.value).toString('latin1');
  };
}

/** Flushes and closes the streams and sets the exit code. */
export function finish(out, err, code) {
  out.flush();
  err.flush();
  process.exitCode = code;
}
