// The os library (loslib.c of Lua 5.1.5): clock, date, difftime, execute,
// exit, getenv, remove, rename, setlocale, time, tmpname. Everything that
// touches the system goes through StdlibHost; without a host the functions
// answer as a system without files, environment or shell would.

import { LuaTable, toInteger, type LibTable, type LuaState, type LuaValue } from '@valua/vm';
import { HostIoError, type StdlibHost } from './host.js';
import { breakDown, environmentZone, formatDate, makeTime, makeTimeExact, type TimeZone } from './time.js';
import { optInt } from './string-lib.js';
import { toLong } from './format.js';

/** os_pushresult / pushresult: true, or nil + "name: strerror" + errno. */
export function pushResult(L: LuaState, e: unknown, name: string | undefined): number {
  if (e === undefined) {
    L.push(true);
    return 1;
  }
  if (!(e instanceof HostIoError)) throw e;
  L.push(undefined);
  L.push(name === undefined ? e.message : `${name}: ${e.message}`);
  L.push(e.errno);
  return 3;
}

/** luaL_checkoption: the index of argument n in `names` (default `def`). */
export function checkOption(L: LuaState, n: number, def: string | undefined, names: readonly string[]): number {
  const name = def !== undefined ? L.optString(n, def) : L.checkString(n);
  const i = names.indexOf(name);
  if (i < 0) throw L.argError(n, `invalid option '${name}'`);
  return i;
}

const ENOENT = new HostIoError(2, 'No such file or directory');

// getfield: an int field of the table at argument 1, or the default;
// a negative default means the field is required.
function getField(L: LuaState, t: LuaTable, key: string, d: number): number {
  const v = L.index(t, key);
  const x = L.toNumber(v);
  if (x !== undefined) return toInteger(x) | 0;
  if (d < 0) throw L.error(`field '${key}' missing in date table`);
  return d;
}

function getBoolField(L: LuaState, t: LuaTable, key: string): number {
  const v = L.index(t, key);
  return v === undefined ? -1 : v === false ? 0 : 1;
}

function setField(t: LuaTable, key: string, v: LuaValue): void {
  t.setStr(key, v);
}

export function makeOsLib(host: StdlibHost): LibTable {
  const zone: TimeZone = host.zone ?? environmentZone;
  const now = (): number => (host.time ? host.time() : Math.floor(Date.now() / 1000));
  // process.cpuUsage (Node) gives what C's clock() measures, processor time.
  // Without it (a browser), clock is the elapsed time since the library
  // opened, from `performance` (which exists in browsers but not in the
  // ES2022 lib typings). Node never reads `performance`: its first use loads
  // the perf_hooks modules (about 1 MB resident).
  const proc = (globalThis as { process?: { cpuUsage?(): { user: number; system: number } } }).process;
  const perf = proc?.cpuUsage ? undefined : (globalThis as { performance?: { now(): number } }).performance;
  const nowMs = (): number => (perf ? perf.now() : Date.now());
  const startMs = nowMs();

  return {
    clock(L) {
      if (host.clock) L.push(host.clock());
      else if (proc?.cpuUsage) {
        const u = proc.cpuUsage();
        L.push((u.user + u.system) / 1e6);
      } else {
        // No CPU clock in a browser: elapsed time since the library opened.
        L.push((nowMs() - startMs) / 1000);
      }
      return 1;
    },

    date(L) {
      let s = L.optString(1, '%c');
      const t = L.arg(2) === undefined ? BigInt(now()) : toLong(L.checkNumber(2));
      let utc = false;
      if (s.charCodeAt(0) === 33) { // '!'
        utc = true;
        s = s.slice(1);
      }
      const tm = breakDown(t, utc ? undefined : zone);
      if (tm === null) {
        L.push(undefined);
        return 1;
      }
      if (s === '*t' || s.startsWith('*t\0')) { // strcmp sees the C string
        const r = new LuaTable(0, 9);
        setField(r, 'sec', tm.sec);
        setField(r, 'min', tm.min);
        setField(r, 'hour', tm.hour);
        setField(r, 'day', tm.mday);
        setField(r, 'month', tm.mon + 1);
        setField(r, 'year', tm.year);
        setField(r, 'wday', tm.wday + 1);
        setField(r, 'yday', tm.yday + 1);
        setField(r, 'isdst', tm.isdst);
        L.push(r);
        return 1;
      }
      const epoch = (): bigint => makeTimeExact({ ...tm, isdst: tm.isdst ? 1 : 0 }, zone) ?? -1n;
      L.push(formatDate(s, tm, epoch));
      return 1;
    },

    difftime(L) {
      // argument 2 first: gcc evaluates difftime's arguments right to left
      const t2 = L.arg(2) === undefined ? 0 : Number(toLong(L.checkNumber(2)));
      const t1 = Number(toLong(L.checkNumber(1)));
      L.push(t1 - t2);
      return 1;
    },

    execute(L) {
      const cmd = L.arg(1) === undefined ? undefined : L.checkString(1);
      L.push(host.execute ? host.execute(cmd) : cmd === undefined ? 0 : -1);
      return 1;
    },

    exit(L) {
      const code = optInt(L, 1, 0);
      if (!host.exit) throw L.error('os.exit is not available here');
      return host.exit(code);
    },

    getenv(L) {
      const name = L.checkString(1);
      L.push(host.getenv ? host.getenv(name) : undefined);
      return 1;
    },

    remove(L) {
      const name = L.checkString(1);
      try {
        if (!host.fs) throw ENOENT;
        host.fs.remove(name);
      } catch (e) {
        return pushResult(L, e, name);
      }
      return pushResult(L, undefined, name);
    },

    rename(L) {
      const from = L.checkString(1);
      const to = L.checkString(2);
      try {
        if (!host.fs) throw ENOENT;
        host.fs.rename(from, to);
      } catch (e) {
        return pushResult(L, e, from);
      }
      return pushResult(L, undefined, from);
    },

    setlocale(L) {
      const l = L.arg(1) === undefined ? undefined : L.checkString(1);
      checkOption(L, 2, 'all', ['all', 'collate', 'ctype', 'monetary', 'numeric', 'time']);
      // Only the C locale exists here: querying, "C", "POSIX" and "" (an
      // environment without LANG) all give "C"; any other locale fails.
      L.push(l === undefined || l === 'C' || l === 'POSIX' || l === '' ? 'C' : undefined);
      return 1;
    },

    time(L) {
      if (L.arg(1) === undefined) {
        L.push(now());
        return 1;
      }
      const t = L.checkTable(1);
      L.setTop(1);
      const sec = getField(L, t, 'sec', 0);
      const min = getField(L, t, 'min', 0);
      const hour = getField(L, t, 'hour', 12);
      const mday = getField(L, t, 'day', -1);
      const mon = getField(L, t, 'month', -1) - 1;
      const year = getField(L, t, 'year', -1);
      const isdst = getBoolField(L, t, 'isdst');
      const r = makeTime({ sec, min, hour, mday, mon, year, isdst }, zone);
      L.push(r === null ? undefined : r);
      return 1;
    },

    tmpname(L) {
      const name = host.fs?.tmpname?.();
      if (name === undefined) throw L.error('unable to generate a unique filename');
      L.push(name);
      return 1;
    },
  };
}

/** luaopen_os. */
export function openOs(L: LuaState, host: StdlibHost): LuaTable {
  return L.register('os', makeOsLib(host));
}
