// run.ts: runChunk reports what lua5.1 prints for a script: output, syntax
// errors without traceback, runtime errors with it, non-string and nil
// error values.

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
