// The math library (lmathlib.c of Lua 5.1.5), with Valkey's random
// generator (rng.ts) instead of libc rand(): seeded sequences match the
// server, not the lua5.1 command line (see README.md).
//
// Invariant: results are plain doubles; C library semantics that differ from
// JS Math (pow(1, nan) is 1, ldexp rounding, frexp) are handled here.

import { LuaTable, type LibTable, type LuaState } from '@valua/vm';
import { Rand48 } from './rng.js';
import { checkInt } from './string-lib.js';
import { cFmod, frexp, ldexp } from './cmath.js';
import { NEG_NAN, POS_NAN, cPow } from '@valua/vm';
import { acos, asin, atan, atan2, cos, cosh, exp, log, log10, sin, sinh, tan, tanh } from './dd-math.js';

const RADIANS_PER_DEGREE = Math.PI / 180;

/**
 * A one-argument C math function. A NaN argument comes back unchanged (its
 * sign shows in print: lua5.1 prints exp(-(0/0)) as nan, exp(0/0) as -nan);
 * a NaN made from a number gets glibc's sign for that function, which JS
 * does not keep (lua5.1: sqrt(-1) is -nan, log10(-1) is nan).
 */
function unary(f: (x: number) => number, invalid: number = NEG_NAN): (L: LuaState) => number {
  return (L) => {
    const x = L.checkNumber(1);
    if (x !== x) L.push(x);
    else {
      const r = f(x);
      L.push(r !== r ? invalid : r);
    }
    return 1;
  };
}

function mathModf(L: LuaState): number {
  const x = L.checkNumber(1);
  if (x !== x) { // modf passes a NaN through, sign and all
    L.push(x);
    L.push(x);
    return 2;
  }
  const ip = x === Infinity || x === -Infinity ? x : Math.trunc(x);
  let fp: number;
  if (x === Infinity || x === -Infinity) fp = x > 0 ? 0 : -0;
  else fp = x - ip;
  if (fp === 0 && (x < 0 || Object.is(x, -0))) fp = -0; // modf keeps the sign on the fraction
  L.push(ip);
  L.push(fp);
  return 2;
}

function mathFrexp(L: LuaState): number {
  const [m, e] = frexp(L.checkNumber(1));
  L.push(m);
  L.push(e);
  return 2;
}

// gcc evaluates the arguments of lmathlib's `ldexp(luaL_checknumber(L, 1),
// luaL_checkint(L, 2))` right to left, so argument 2 is checked first
// (lua5.1: math.ldexp("x", {}) blames #2); the same for fmod, pow, atan2.
function mathLdexp(L: LuaState): number {
  const e = checkInt(L, 2);
  const x = L.checkNumber(1);
  L.push(x !== x ? x : ldexp(x, e));
  return 1;
}

function mathFmod(L: LuaState): number {
  const y = L.checkNumber(2);
  L.push(cFmod(L.checkNumber(1), y));
  return 1;
}

function mathPow(L: LuaState): number {
  const y = L.checkNumber(2);
  L.push(cPow(L.checkNumber(1), y));
  return 1;
}

function mathAtan2(L: LuaState): number {
  const x = L.checkNumber(2), y = L.checkNumber(1);
  L.push(y !== y ? y : x !== x ? x : atan2(y, x));
  return 1;
}

function mathMin(L: LuaState): number {
  const n = L.argCount();
  let dmin = L.checkNumber(1);
  for (let i = 2; i <= n; i++) {
    const d = L.checkNumber(i);
    if (d < dmin) dmin = d;
  }
  L.push(dmin);
  return 1;
}

function mathMax(L: LuaState): number {
  const n = L.argCount();
  let dmax = L.checkNumber(1);
  for (let i = 2; i <= n; i++) {
    const d = L.checkNumber(i);
    if (d > dmax) dmax = d;
  }
  L.push(dmax);
  return 1;
}

/** The process-wide generator state (Valkey keeps one for the server's lifetime). */
export const sharedRandom = new Rand48();

function makeRandom(rng: Rand48): (L: LuaState) => number {
  return (L) => {
    const r = rng.nextDouble();
    switch (L.argCount()) {
      case 0:
        L.push(r);
        break;
      case 1: {
        const u = checkInt(L, 1);
        if (!(u >= 1)) throw L.argError(1, 'interval is empty');
        L.push(Math.floor(r * u) + 1);
        break;
      }
      case 2: {
        const l = checkInt(L, 1);
        const u = checkInt(L, 2);
        if (!(l <= u)) throw L.argError(2, 'interval is empty');
        L.push(Math.floor(r * (u - l + 1)) + l);
        break;
      }
      default:
        throw L.error('wrong number of arguments');
    }
    return 1;
  };
}

function makeRandomseed(rng: Rand48): (L: LuaState) => number {
  return (L) => {
    rng.seed(checkInt(L, 1));
    return 0;
  };
}

/** The math functions; `random`/`randomseed` use `rng`. */
export function makeMathLib(rng: Rand48): LibTable {
  // lmathlib's luaL_Reg order: registration order shapes the hash part, so
  // pairs(math) lists the keys as lua5.1 does
  return {
    abs: (L) => {
      const x = L.checkNumber(1);
      L.push(x !== x ? POS_NAN : Math.abs(x)); // fabs clears the sign of a NaN too
      return 1;
    },
    acos: unary(acos, POS_NAN),
    asin: unary(asin, POS_NAN),
    atan2: mathAtan2,
    atan: unary(atan),
    ceil: unary((x) => Math.ceil(x)),
    cosh: unary(cosh),
    cos: unary(cos),
    deg: unary((x) => x / RADIANS_PER_DEGREE),
    exp: unary(exp),
    floor: unary((x) => Math.floor(x)),
    fmod: mathFmod,
    frexp: mathFrexp,
    ldexp: mathLdexp,
    log10: unary(log10, POS_NAN),
    log: unary(log),
    max: mathMax,
    min: mathMin,
    modf: mathModf,
    pow: mathPow,
    rad: unary((x) => x * RADIANS_PER_DEGREE),
    random: makeRandom(rng),
    randomseed: makeRandomseed(rng),
    sinh: unary(sinh),
    sin: unary(sin),
    sqrt: unary(Math.sqrt),
    tanh: unary(tanh),
    tan: unary(tan),
  };
}

/**
 * luaopen_math: the functions, then pi and huge, then `mod` as the very
 * same function as `fmod` (LUA_COMPAT_MOD: lua5.1 says math.mod == math.fmod).
 */
export function openMath(L: LuaState, rng: Rand48 = sharedRandom): LuaTable {
  const t = L.register('math', makeMathLib(rng));
  t.setStr('pi', Math.PI);
  t.setStr('huge', Infinity);
  t.setStr('mod', t.getStr('fmod'));
  return t;
}
