// run.ts: runChunk reports what lua5.1 prints for a script: output, syntax
// errors without traceback, runtime errors with it, non-string and nil
// error values.

import fc from 'fast-check';
import { runChunk } from '../src/run.js';
import { expectSame } from './support/both.js';

describe('runChunk against lua5.1', () => {
  it('syntax error', () => { expectSame('print("a")\nlocal = 1'); });
  it('runtime error after output', () => { expectSame('print("before")\nerror("after")'); });
  it('non-string error value', () => { expectSame('error({})'); });
  it('nil error value is not reported', () => { expectSame('print(1)\nerror(nil)'); });
  it('number error value', () => { expectSame('error(3.5, 0)'); });
  it('error with a __tostring table', () => { expectSame('error(setmetatable({}, {__tostring = function() return "x" end}))'); });
  it('varargs of the main chunk are empty', () => { expectSame('print(select("#", ...), ...)'); });
});

describe('runChunk never throws', () => {
  it('random bytes and token soups end in a status, not a JS exception', () => {
    const tokens = ['local', 'x', '=', '1', '(', ')', 'function', 'end', 'return', '...', '{', '}', '[', ']', '.', ':', ',', ';',
      'if', 'then', 'else', 'while', 'do', 'for', 'in', 'repeat', 'until', '..', '+', '#', 'nil', '"s"', 'x.y', 'pcall', 'error',
      'setmetatable', 'coroutine.wrap', 'coroutine.yield', 'select', 'unpack', 'tostring', '\n'];
    const soup = fc.array(fc.constantFrom(...tokens), { maxLength: 40 }).map((a) => a.join(' '));
    const bytes = fc.uint8Array({ maxLength: 60 }).map((b) => String.fromCharCode(...b));
    fc.assert(
      fc.property(fc.oneof(soup, bytes), (src) => {
        let out = '';
        const r = runChunk(src, '=fuzz', { stdout: (s) => { out += s; } });
        expect(typeof r.status).toBe('number');
        if (r.status !== 0 && r.errorValue !== undefined) expect(r.error).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });
});
