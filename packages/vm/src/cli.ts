// The `valua` command line: lua.c of Lua 5.1.5, option for option and
// message for message, over a host interface instead of C stdio, so that this
// file imports nothing from Node (bin/valua supplies the Node host; tests
// supply one with captured output).
// Invariants: every message lua5.1 prints with its program name is printed
// with `progname` (argv[0], "valua" from bin/valua); inside the REPL there is
// no program name, as in lua.c's dotty(). Exit status is 1 exactly when
// lua5.1's would be EXIT_FAILURE.

import { traceback } from './debug.js';
import { LuaError } from './errors.js';
import { LuaState, MULTRET } from './state.js';
import { LuaTable } from './table.js';
import { LuaClosure, LuaHostFunction, type LuaValue } from './value.js';
import { openBase } from './lib/base.js';
import { coroutineLib } from './lib/coroutine.js';
import { debugLib } from './lib/debug.js';

/** What the command line needs from its environment. All strings are byte strings. */
export interface CliHost {
  /**
   * The bytes of a file (one byte per code unit). On failure throws an
   * Error carrying strerror's text, with `op: 'read'` when the file opened
   * but did not read (CliFileError has that shape).
   */
  readFile(path: string): string;
  /** All of standard input (for `-` and for a non-interactive stdin). */
  readStdin(): string;
  /**
   * One line for the REPL without its newline, or undefined at end of input.
   * The host shows `prompt` (and echoes the line when stdin is not a
   * terminal, as Debian's readline-linked lua5.1 does: see pipedLineReader).
   */
  readLine(prompt: string): Promise<string | undefined>;
  stdout(s: string): void;
  stderr(s: string): void;
  /** lua_stdin_is_tty(): decides what `valua` with no arguments does. */
  stdinIsTty: boolean;
  getenv(name: string): string | undefined;
  /**
   * Opens the libraries of a fresh state. Defaults to the VM's own (base and
   * coroutine); bin/valua passes the fullest set it can load.
   */
  openLibs?: (L: LuaState) => void;
}

/**
 * What CliHost.readFile throws: the message is strerror's text ("No such
 * file or directory"); `op` is lua5.1's verb ("cannot read" when the file
 * opened but could not be read, a directory for instance). The same shape
 * valuac's host uses, so bin/ has one file reader for both.
 */
export class CliFileError extends Error {
  constructor(readonly op: 'open' | 'read', reason: string) {
    super(reason);
  }
}

export const VALUA_VERSION = 'Valua 0.1.0';
// Documented difference: lua5.1 prints "Lua 5.1.5  Copyright (C) 1994-2012 Lua.org, PUC-Rio".
export const VALUA_VERSION_LINE = `${VALUA_VERSION}  Lua 5.1 in TypeScript, after Lua 5.1.5 Copyright (C) 1994-2012 Lua.org, PUC-Rio`;

/** LUA_PATH_DEFAULT of Lua 5.1.5 as Debian builds it (package.path when LUA_PATH is unset). */
const LUA_PATH_DEFAULT =
  './?.lua;/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua;' +
  '/usr/local/lib/lua/5.1/?.lua;/usr/local/lib/lua/5.1/?/init.lua;/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua';

const PROMPT = '> ';
const PROMPT2 = '>> ';

function usageText(progname: string): string {
  return (
    `usage: ${progname} [options] [script [args]].\n` +
    'Available options are:\n' +
    "  -e stat  execute string 'stat'\n" +
    "  -l name  require library 'name'\n" +
    "  -i       enter interactive mode after executing 'script'\n" +
    '  -v       show version information\n' +
    '  --       stop handling options\n' +
    '  -        execute stdin and stop handling options\n'
  );
}

/** Status of one step, as lua.c's int status: 0 ok, non-zero failed. */
type Status = number;

class Cli {
  /** Program name for messages; undefined inside the REPL (lua.c sets it to NULL). */
  progname: string | undefined;
  readonly L: LuaState;

  constructor(readonly host: CliHost, progname: string) {
    this.progname = progname;
    this.L = new LuaState();
    this.L.g.write = host.stdout;
    (host.openLibs ?? openStandardLibs)(this.L);
  }

  /** l_message: "progname: msg\n" on stderr. */
  message(msg: string): void {
    this.host.stderr(this.progname !== undefined ? `${this.progname}: ${msg}\n` : `${msg}\n`);
  }

  /** report(): prints a failed step's error value; nil errors print nothing (as lua.c). */
  report(status: Status, err: LuaValue): Status {
    if (status !== 0 && err !== undefined) {
      const msg = this.L.toStr(err);
      this.message(msg ?? '(error object is not a string)');
    }
    return status;
  }

  /**
   * docall(): calls fn(args) under lua.c's traceback message handler and
   * returns [status, error value or results].
   */
  docall(fn: LuaValue, args: readonly LuaValue[]): [Status, LuaValue[]] {
    const L = this.L;
    const func = L.top;
    // lua.c runs everything inside pmain, a C function: the chunk is called
    // from C, so its tracebacks end in "[C]: ?". The shim is that C level.
    L.push(cCallShim);
    L.push(fn);
    for (const a of args) L.push(a);
    const status = L.pcall(args.length + 1, MULTRET, tracebackHandler);
    const out = L.stack.slice(func, L.top);
    L.top = func;
    return [status, out];
  }

  /** luaL_loadbuffer + docall + report for a string chunk. */
  dostring(source: string, chunkName: string): Status {
    const [status, values] = this.loadAndCall(() => source, chunkName, []);
    return this.report(status, values[0]);
  }

  /** dofile(): a file by name, or standard input when name is undefined. */
  dofile(name: string | undefined): Status {
    const [status, values] = this.loadFileAndCall(name, []);
    return this.report(status, values[0]);
  }

  /**
   * luaL_loadfile: "@name" (or "=stdin"), a first line starting with '#' is
   * blanked (its newline kept, so line numbers hold), open/read failures
   * become "cannot open name: reason".
   */
  loadFile(name: string | undefined): [Status, LuaValue] {
    let text: string;
    const shown = name ?? 'stdin';
    try {
      text = name === undefined ? this.host.readStdin() : this.host.readFile(name);
    } catch (e) {
      const op = (e as { op?: unknown }).op === 'read' ? 'read' : 'open';
      const reason = e instanceof Error ? e.message : String(e);
      return [1, `cannot ${op} ${shown}: ${reason}`];
    }
    if (text.charCodeAt(0) === 35 /* '#' */) {
      const nl = text.indexOf('\n');
      text = nl < 0 ? '' : text.slice(nl);
    }
    return this.load(text, name === undefined ? '=stdin' : `@${name}`);
  }

  /** luaL_loadbuffer: [0, function] or [status, syntax error message]. */
  load(text: string, chunkName: string): [Status, LuaValue] {
    try {
      return [0, this.L.load(text, chunkName)];
    } catch (e) {
      if (e instanceof LuaError) return [e.status === 0 ? 3 : e.status, e.value];
      return [3, e instanceof Error ? e.message : String(e)];
    }
  }

  private loadAndCall(text: () => string, chunkName: string, args: readonly LuaValue[]): [Status, LuaValue[]] {
    const [status, fn] = this.load(text(), chunkName);
    if (status !== 0) return [status, [fn]];
    return this.docall(fn, args);
  }

  private loadFileAndCall(name: string | undefined, args: readonly LuaValue[]): [Status, LuaValue[]] {
    const [status, fn] = this.loadFile(name);
    if (status !== 0) return [status, [fn]];
    return this.docall(fn, args);
  }

  /**
   * dolibrary(): require(name) as lua.c does it. Without a package library
   * (no global `require` function) the Lua path alone is searched through
   * the host, and a miss is reported as lua5.1 reports a missing module
   * (minus the C-library lines: Valua loads no C modules).
   */
  dolibrary(name: string): Status {
    const req = this.L.getGlobal('require');
    if (req instanceof LuaHostFunction || req instanceof LuaClosure) {
      const [status, values] = this.docall(req, [name]);
      return this.report(status, values[0]);
    }
    const path = this.host.getenv('LUA_PATH') ?? LUA_PATH_DEFAULT;
    const tried: string[] = [`\n\tno field package.preload['${name}']`];
    for (const template of path.replace(/;;/g, `;${LUA_PATH_DEFAULT};`).split(';')) {
      if (template === '') continue;
      const file = template.split('?').join(name.split('.').join('/'));
      let text: string;
      try {
        text = this.host.readFile(file);
      } catch {
        tried.push(`\n\tno file '${file}'`);
        continue;
      }
      if (text.charCodeAt(0) === 35 /* '#' */) {
        const nl = text.indexOf('\n');
        text = nl < 0 ? '' : text.slice(nl);
      }
      const [ls, fn] = this.load(text, `@${file}`);
      if (ls !== 0) {
        // Raised by the loader inside require, both C functions: three C levels with lua.c's.
        const msg = `error loading module '${name}' from file '${file}':\n\t${this.L.toStr(fn) ?? '?'}`;
        return this.report(ls, `${msg}\nstack traceback:\n\t[C]: ?\n\t[C]: ?\n\t[C]: ?`);
      }
      // The extra shim stands for require, the C function that runs the module.
      const [status, values] = this.docall(cCallShim, [fn, name]);
      return this.report(status, values[0]);
    }
    // lua5.1's message comes from require (a C function called by lua.c): its traceback is two C levels.
    return this.report(1, `module '${name}' not found:${tried.join('')}\nstack traceback:\n\t[C]: ?\n\t[C]: ?`);
  }

  /**
   * handle_script(): the `arg` table (script at 0, interpreter and options
   * at negative indices, script arguments at 1..n), then the script called
   * with its arguments as `...`.
   */
  handleScript(argv: readonly string[], n: number): Status {
    const L = this.L;
    const argt = new LuaTable();
    for (let i = 0; i < argv.length; i++) argt.set(i - n, argv[i]);
    L.setGlobal('arg', argt);
    const scriptArgs = argv.slice(n + 1);
    let fname: string | undefined = argv[n];
    if (fname === '-' && argv[n - 1] !== '--') fname = undefined;
    const [status, values] = this.loadFileAndCall(fname, scriptArgs);
    return this.report(status, values[0]);
  }

  /** runargs(): -e and -l in order; stops at the first failure. */
  runArgs(argv: readonly string[], n: number): Status {
    for (let i = 1; i < n; i++) {
      const a = argv[i];
      if (a === undefined) continue;
      if (a[1] === 'e') {
        let chunk = a.slice(2);
        if (chunk === '') chunk = argv[++i] ?? '';
        if (this.dostring(chunk, '=(command line)') !== 0) return 1;
      } else if (a[1] === 'l') {
        let lib = a.slice(2);
        if (lib === '') lib = argv[++i] ?? '';
        if (this.dolibrary(lib) !== 0) return 1;
      }
    }
    return 0;
  }

  /** handle_luainit(): LUA_INIT is a chunk, or @file. */
  handleLuaInit(): Status {
    const init = this.host.getenv('LUA_INIT');
    if (init === undefined) return 0;
    if (init[0] === '@') return this.dofile(init.slice(1));
    return this.dostring(init, '=LUA_INIT');
  }

  /** get_prompt(): _PROMPT / _PROMPT2 when they convert to strings. */
  prompt(firstLine: boolean): string {
    const v = this.L.getGlobal(firstLine ? '_PROMPT' : '_PROMPT2');
    return this.L.toStr(v) ?? (firstLine ? PROMPT : PROMPT2);
  }

  /**
   * loadline(): reads a statement, adding lines while the syntax error is
   * the incomplete-input one (message ending in '<eof>'). Returns undefined
   * at end of input.
   */
  async loadLine(): Promise<[Status, LuaValue] | undefined> {
    const first = await this.host.readLine(this.prompt(true));
    if (first === undefined) return undefined;
    let text = first[0] === '=' ? `return ${first.slice(1)}` : first;
    for (;;) {
      const [status, fn] = this.load(text, '=stdin');
      if (!(status === 3 && typeof fn === 'string' && fn.endsWith("'<eof>'"))) return [status, fn];
      const more = await this.host.readLine(this.prompt(false));
      if (more === undefined) return undefined;
      text = `${text}\n${more}`;
    }
  }

  /** dotty(): the read-eval-print loop. */
  async repl(): Promise<void> {
    const saved = this.progname;
    this.progname = undefined;
    for (;;) {
      const line = await this.loadLine();
      if (line === undefined) break;
      let [status, value] = line;
      let results: LuaValue[] = [];
      if (status === 0) {
        const [s, vals] = this.docall(value, []);
        status = s;
        if (s === 0) results = vals;
        else value = vals[0];
      }
      this.report(status, value);
      if (status === 0 && results.length > 0) {
        const L = this.L;
        const func = L.top;
        L.push(L.getGlobal('print'));
        for (const r of results) L.push(r);
        const ps = L.pcall(results.length, 0);
        if (ps !== 0) {
          const err = L.stack[func];
          L.top = func;
          this.message(`error calling 'print' (${L.toStr(err) ?? '(null)'})`);
        } else L.top = func;
      }
    }
    this.host.stdout('\n');
    this.progname = saved;
  }
}

/**
 * The libraries of the VM itself: base functions, coroutine, and the part of
 * debug the VM owns (traceback). bin/valua
 * adds the standard library on top when it is available.
 */
export function openStandardLibs(L: LuaState): void {
  openBase(L);
  L.register('coroutine', coroutineLib);
  L.register('debug', debugLib);
}

/**
 * collectargs(): index of the script in argv, 0 when there is none, -1 for
 * a bad option; sets the -i/-v/-e flags.
 */
function collectArgs(argv: readonly string[], flags: { i: boolean; v: boolean; e: boolean }): number {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a[0] !== '-') return i;
    switch (a[1]) {
      case '-':
        if (a.length !== 2) return -1;
        return i + 1 < argv.length ? i + 1 : 0;
      case undefined:
        return i;
      case 'i':
        if (a.length !== 2) return -1;
        flags.i = true;
        flags.v = true;
        break;
      case 'v':
        if (a.length !== 2) return -1;
        flags.v = true;
        break;
      case 'e':
      case 'l':
        // -e and -l both take an argument, attached or next
        if (a[1] === 'e') flags.e = true;
        if (a.length === 2) {
          i++;
          if (i >= argv.length) return -1;
        }
        break;
      default:
        return -1;
    }
  }
  return 0;
}

/**
 * `lua5.1`'s main(): argv[0] is the program name used in messages ("valua").
 * Returns the exit status, as a Promise only when the REPL runs.
 */
export function valuaMain(argv: readonly string[], host: CliHost): number | Promise<number> {
  const progname = argv[0] !== undefined && argv[0] !== '' ? argv[0] : 'valua';
  // As lua.c's main reports what escapes pmain: anything thrown (an engine
  // bug, never a Lua error, which docall catches) becomes "progname: msg".
  const fail = (e: unknown): number => {
    const v = e instanceof LuaError ? e.value : e;
    host.stderr(`${progname}: ${typeof v === 'string' ? v : v instanceof Error ? v.message : String(v)}\n`);
    return 1;
  };
  try {
    const status = pmain(argv, host, progname);
    return typeof status === 'number' ? status : status.catch(fail);
  } catch (e) {
    return fail(e);
  }
}

/** lua.c's pmain(): LUA_INIT, options, script, then the REPL or stdin. */
function pmain(argv: readonly string[], host: CliHost, progname: string): number | Promise<number> {
  const cli = new Cli(host, progname);
  if (cli.handleLuaInit() !== 0) return 1;
  const flags = { i: false, v: false, e: false };
  const script = collectArgs(argv, flags);
  if (script < 0) {
    host.stderr(usageText(progname));
    return 1;
  }
  // lua.c prints the version line with l_message(NULL, ...): no program name.
  if (flags.v) host.stderr(`${VALUA_VERSION_LINE}\n`);
  if (cli.runArgs(argv, script > 0 ? script : argv.length) !== 0) return 1;
  if (script > 0 && cli.handleScript(argv, script) !== 0) return 1;
  if (flags.i) return cli.repl().then(() => 0);
  if (script === 0 && !flags.e && !flags.v) {
    if (host.stdinIsTty) {
      host.stderr(`${VALUA_VERSION_LINE}\n`);
      return cli.repl().then(() => 0);
    }
    // lua.c ignores the status here: `echo 'error()' | lua5.1` exits 0.
    cli.dofile(undefined);
  }
  return 0;
}

/** Calls its first argument with the rest and returns all results: a C frame under the chunk. */
const cCallShim = new LuaHostFunction('?', (L, base, nargs) => {
  L.call(nargs - 1, MULTRET);
  return L.top - base;
});

/**
 * debug.traceback(msg, level) as lua.c calls it. Kept as a separate host
 * level on purpose: levels are absolute, and db_errorfb's "..." cut (12
 * levels, then the last 10) depends on starting at level 2 exactly as lua.c
 * does (0 = this function, 1 = the handler below, 2 = where the error is).
 */
const dbTraceback = new LuaHostFunction('traceback', (L, base) => {
  const msg = L.toStr(L.stack[base]) as string;
  L.stack[base] = traceback(L, msg, 2);
  L.top = base + 1;
  return 1;
});

/** lua.c's traceback(): string (and number) messages get "stack traceback:"; others pass unchanged. */
const tracebackHandler = new LuaHostFunction('traceback', (L, base, nargs) => {
  const msg = nargs > 0 ? L.stack[base] : undefined;
  L.top = base + 1;
  L.stack[base] = msg;
  if (typeof msg !== 'string' && typeof msg !== 'number') return 1;
  L.push(dbTraceback);
  L.push(msg);
  L.push(2);
  L.call(2, 1);
  return 1;
});

/**
 * A CliHost.readLine over text already in memory or arriving in chunks, with
 * the echo of Debian's lua5.1 (linked with GNU readline) when stdin is not a
 * terminal: the prompt, then the line and a newline, go to stdout.
 */
export function pipedLineReader(
  nextChunk: () => Promise<string | undefined>,
  write: (s: string) => void,
): (prompt: string) => Promise<string | undefined> {
  let buffered = '';
  let ended = false;
  return async (prompt: string) => {
    write(prompt);
    for (;;) {
      const nl = buffered.indexOf('\n');
      if (nl >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        write(`${line}\n`);
        return line;
      }
      if (ended) {
        if (buffered === '') return undefined;
        const line = buffered;
        buffered = '';
        write(`${line}\n`);
        return line;
      }
      const chunk = await nextChunk();
      if (chunk === undefined) ended = true;
      else buffered += chunk;
    }
  };
}
