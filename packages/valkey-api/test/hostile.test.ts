// Hostile input: huge strings, 100,000-deep nesting, truncated and random
// bytes. Every call ends in a result or in the library's own error text
// (as redis-server 7.0 words it), never a host exception, hang or crash.

import fc from 'fast-check';
import { LuaTable, type LuaValue } from '@valua/vm';
import { scriptState } from './script-state.js';
import { libCall } from './lib-call.js';

const L = scriptState();

function nested(depth: number, key?: string): LuaTable {
  const top = new LuaTable();
  let cur = top;
  for (let i = 0; i < depth; i++) {
    const t = new LuaTable();
    if (key === undefined) cur.setInt(1, t);
    else cur.setStr(key, t);
    cur = t;
  }
  return top;
}

function err(lib: string, fn: string, args: LuaValue[]): LuaValue {
  const r = libCall(L, lib, fn, args);
  expect(r.ok).toBe(false);
  return r.error;
}

// Messages the libraries raise (library texts, without position).
const CJSON_DECODE = /^(Expected (value|object key string|colon|comma or object end|comma or array end|the end) but found (T_[A-Z_]+|invalid token|invalid number|unexpected end of string|invalid escape code|invalid unicode escape code) at character \d+|Found too many nested data structures \(\d+\) at character \d+|JSON parser does not support UTF-16 or UTF-32)$/;
const MSGPACK = /^(Missing bytes in input\.|Bad data format in input\.|table index is (nil|NaN)|stack overflow \((too many return values at once; use unpack_one or unpack_limit instead\.|in function mp_decode_to_lua_array)\))$/;
const STRUCT = /^(bad argument #2 to '\?' \(data string too short\)|unfinished string in data|format 'c0' needs a previous size|stack overflow \(too many results\))$/;

describe('deep nesting', () => {
  test('cjson.decode stops at the depth limit, or at the C stack limit when the limit is raised', () => {
    expect(err('cjson', 'decode', ['['.repeat(100000)])).toBe('Found too many nested data structures (1001) at character 1001');
    expect(err('cjson', 'decode', ['{"a":'.repeat(100000)])).toBe('Found too many nested data structures (1001) at character 5001');
    libCall(L, 'cjson', 'decode_max_depth', [2147483647]);
    try {
      // redis 7.0: 7999 for arrays, 4000 for objects (lua_checkstack).
      expect(err('cjson', 'decode', ['['.repeat(100000)])).toBe('Found too many nested data structures (7999) at character 7999');
      expect(err('cjson', 'decode', ['{"a":'.repeat(100000)])).toBe('Found too many nested data structures (4000) at character 19996');
    } finally {
      libCall(L, 'cjson', 'decode_max_depth', [1000]);
    }
  });

  test('cjson.encode stops at the depth limit, or at the C stack limit when the limit is raised', () => {
    expect(err('cjson', 'encode', [nested(100000)])).toBe('Cannot serialise, excessive nesting (1001)');
    const cyclic = new LuaTable();
    cyclic.setStr('self', cyclic);
    expect(err('cjson', 'encode', [cyclic])).toBe('Cannot serialise, excessive nesting (1001)');
    libCall(L, 'cjson', 'encode_max_depth', [2147483647]);
    try {
      expect(err('cjson', 'encode', [nested(100000)])).toBe('Cannot serialise, excessive nesting (7998)');
      expect(err('cjson', 'encode', [nested(100000, 'a')])).toBe('Cannot serialise, excessive nesting (4000)');
    } finally {
      libCall(L, 'cjson', 'encode_max_depth', [1000]);
    }
  });

  test('cmsgpack: packing cuts at 16 levels; unpacking stops at the C stack limit', () => {
    const packed = libCall(L, 'cmsgpack', 'pack', [nested(100000)]).values[0] as string;
    expect(Buffer.from(packed, 'latin1').toString('hex')).toBe('91'.repeat(16) + 'c0');
    expect(err('cmsgpack', 'unpack', ['\x91'.repeat(100000)])).toBe('stack overflow (in function mp_decode_to_lua_array)');
    expect(err('cmsgpack', 'unpack', ['\x81\xc0'.repeat(100000)]))
      .toBe('stack overflow (too many return values at once; use unpack_one or unpack_limit instead.)');
    expect(err('cmsgpack', 'unpack', ['\x01'.repeat(8000)]))
      .toBe('stack overflow (too many return values at once; use unpack_one or unpack_limit instead.)');
    expect(libCall(L, 'cmsgpack', 'unpack', ['\x01'.repeat(7999)]).values.length).toBe(7999);
  });

  test('struct.unpack with more results than the C stack holds', () => {
    expect(err('struct', 'unpack', ['b'.repeat(100000), 'a'.repeat(100000)])).toBe('stack overflow (too many results)');
    expect(libCall(L, 'struct', 'unpack', ['b'.repeat(7997), 'a'.repeat(8000)]).values.length).toBe(7998);
  });
});

describe('huge strings', () => {
  const big = 'x"\\/\n\x01\xff\0'.repeat(10 * 1024 * 1024 / 8);

  test('10 MB through cjson, cmsgpack and struct', () => {
    const enc = libCall(L, 'cjson', 'encode', [big]);
    expect(enc.ok).toBe(true);
    expect(libCall(L, 'cjson', 'decode', [enc.values[0]]).values[0]).toBe(big);
    const packed = libCall(L, 'cmsgpack', 'pack', [big]).values[0] as string;
    expect(packed.slice(0, 5)).toBe('\xdb\x00\xa0\x00\x00');
    expect(libCall(L, 'cmsgpack', 'unpack', [packed]).values[0]).toBe(big);
    const framed = libCall(L, 'struct', 'pack', ['>I4 c0', big.length, big]).values[0] as string;
    const back = libCall(L, 'struct', 'unpack', ['>I4 c0', framed]).values;
    expect(back.length).toBe(2);
    expect(back[0] === big).toBe(true);
    expect(back[1]).toBe(big.length + 5);
  });

  test('10 MB of garbage ends in each library\'s error', () => {
    // '"x"' is a string; the backslash after it is no token.
    expect(err('cjson', 'decode', ['"' + big])).toBe('Expected the end but found invalid token at character 4');
    // Without quotes the string runs to the first NUL, which ends the C string.
    expect(err('cjson', 'decode', ['"' + big.replace(/"/g, '')])).toBe('Expected value but found unexpected end of string at character 8');
    expect(err('cjson', 'decode', ['"' + big.replace(/["\0]/g, '')])).toBe(`Expected value but found unexpected end of string at character ${1 + big.length / 8 * 6 + 1}`);
    expect(err('cjson', 'decode', ['[' + '1,'.repeat(5 * 1024 * 1024)])).toBe(`Expected value but found T_END at character ${5 * 1024 * 1024 * 2 + 2}`);
    expect(err('cmsgpack', 'unpack', ['\xdb\xff\xff\xff\xff' + big])).toBe('Missing bytes in input.');
    expect(err('cmsgpack', 'unpack', ['\xdd\xff\xff\xff\xff' + '\xc0'.repeat(1 << 20)])).toBe('Missing bytes in input.');
    expect(String(err('struct', 'unpack', ['s', big.replace(/\0/g, '')]))).toBe('unfinished string in data');
  });
});

describe('truncated and random bytes', () => {
  test('every truncation of valid input fails with the library error', () => {
    const doc = '{"a":[1,2.5,"x\\u00e9\\ud83d\\ude00",true,false,null,{"b":{}}],"c":-1e5}';
    for (let n = 0; n < doc.length; n++) {
      expect(String(err('cjson', 'decode', [doc.slice(0, n)]))).toMatch(CJSON_DECODE);
    }
    const packed = libCall(L, 'cmsgpack', 'pack', [libCall(L, 'cjson', 'decode', [doc]).values[0], 1e300, -(2 ** 40), 'abc'.repeat(100)]).values[0] as string;
    for (let n = 1; n < packed.length; n++) {
      const r = libCall(L, 'cmsgpack', 'unpack', [packed.slice(0, n)]);
      if (!r.ok) expect(String(r.error)).toBe('Missing bytes in input.');
    }
    const s = libCall(L, 'struct', 'pack', ['>i8 d s c3 h', 1, 2, 'str', 'abc', 5]).values[0] as string;
    for (let n = 0; n < s.length; n++) {
      expect(String(err('struct', 'unpack', ['>i8 d s c3 h', s.slice(0, n)]))).toMatch(STRUCT);
    }
  });

  test('a call that failed half way leaves nothing behind for the next one', () => {
    expect(String(err('cjson', 'decode', ['"ab\\x"']))).toBe('Expected value but found invalid escape code at character 4');
    expect(libCall(L, 'cjson', 'decode', ['"\\n"']).values[0]).toBe('\n');
    const bad = new LuaTable();
    bad.setInt(1, 'some text');
    bad.setInt(2, new LuaTable());
    (bad.getInt(2) as LuaTable).setStr('f', L.getGlobal('print'));
    expect(String(err('cjson', 'encode', [bad]))).toBe('Cannot serialise function: type not supported');
    expect(libCall(L, 'cjson', 'encode', ['x']).values[0]).toBe('"x"');
  });

  test('random bytes: a value or the library error, never anything else', () => {
    const bytes = fc.uint8Array({ maxLength: 64 }).map((b) => String.fromCharCode(...b));
    fc.assert(fc.property(bytes, (s) => {
      const d = libCall(L, 'cjson', 'decode', [s]);
      if (!d.ok) expect(String(d.error)).toMatch(CJSON_DECODE);
      const m = libCall(L, 'cmsgpack', 'unpack', [s]);
      if (!m.ok) expect(String(m.error)).toMatch(MSGPACK);
      const st = libCall(L, 'struct', 'unpack', ['>b h s i3 d c0', s]);
      if (!st.ok) expect(String(st.error)).toMatch(STRUCT);
    }), { numRuns: 2000 });
  });
});
