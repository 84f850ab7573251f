// Runtime error messages: complete texts, position prefix and 5.1's
// variable-name hints, plus the uncaught-error report with its traceback,
// all compared with lua5.1.

import { expectSame } from './support/both.js';

const cases: Record<string, string> = {
  indexLocal: 'local t = nil; t.x = 1',
  indexGlobal: 'print(undefinedglobal.field)',
  indexField: 'local t = {}; print(t.a.b)',
  indexUpvalue: 'local u; local function f() return u.x end; f()',
  indexNumberConst: 'local t = {}; t.n = 1; print(t.n.x)',
  callGlobal: 'f()',
  callLocal: 'local f; f()',
  callField: 'local t = {}; t.go()',
  callMethod: 'local t = {}; t:go()',
  callUpvalue: 'local up; function g() up() end; g()',
  callResult: 'local function f() end; f()()',
  callNumber: 'local x = 1; x()',
  arithField: 'local t = {x = {}}; print(t.x + 1)',
  arithLocal: 'local a = "x"; print(a * 2)',
  arithConstString: 'local a; print("abc" + a)',
  arithNil: 'print(nil + 1)',
  unm: 'local s = {}; print(-s)',
  concatUpvalue: 'local u; local function f() return "a" .. u end; f()',
  concatLocal: 'local a; print(a .. "x")',
  concatTable: 'print("x" .. {} .. "y")',
  concatMiddle: 'local a, b, c = "a", nil, "c"; print(a .. b .. c)',
  compare: 'print(1 < nil)',
  compareTables: 'print({} < {})',
  compareMixed: 'print("a" <= 1)',
  len: 'local n = 5; print(#n)',
  lenNil: 'print(#nothing)',
  nilIndex: 'local t = {}; t[nil] = 1',
  nanIndex: 'local t = {}; t[0/0] = 1',
  forInit: 'for i = "x", 2 do end',
  errorString: 'error("boom")',
  errorLevel2: 'local function f() error("deep", 2) end\nlocal function g() f() end\ng()',
  errorLevel0: 'error("plain", 0)',
  errorTable: 'error({})',
  errorNil: 'error()',
  errorNumber: 'error(42)',
  nested: 'function f() error("boom") end\nlocal function g() f() end\ng()',
  inFunction: 'local function helper(t)\n  return t.x.y\nend\nhelper({})',
  stackOverflow: 'local function f() return 1 + f() end\nf()',
  stackOverflowGlobal: 'function g() g() end\ng()',
  manyLevels: 'local function r(n) if n == 0 then error("bottom") end r(n - 1) end\nr(30)',
  tailCallTrace: 'local function b() error("in b") end\nlocal function a() return b() end\na()',
  methodBadSelf: 'local t = {f = setmetatable}; t:f()',
  badArgPcall: 'print(pcall(setmetatable, 1))',
  badArgLocalName: 'local s = setmetatable; s(1)',
  forGenerator: 'for k, v in next, nil do end',
  ipairsNil: 'for i, v in ipairs(nil) do end',
  cStackOverflow: 'local t = setmetatable({}, {__index = function(t, k) return t[k] end})\nprint(pcall(function() return t.x end))',
  pcallDepth: 'local n = 0; local function pc() n = n + 1; return pcall(pc) end; print(select("#", pc())); print(n)',
  errorInErrorHandling: 'print(xpcall(function() error("x") end, function(m) error("y") end))',
  xpcallTraceback: 'print(xpcall(function() local x = nil; return x.y end, debug.traceback))',
  tracebackFunction: 'print(debug.traceback("msg"))\nprint(debug.traceback("m", 2))\nprint(debug.traceback())',
  loopGettable: 'local t = {}; setmetatable(t, {__index = t}); print(pcall(function() return t.x end))',
  loopSettable: 'local t = setmetatable({}, {}); getmetatable(t).__newindex = t; print(pcall(function() t.x = 1 end))',
  upvalueName: 'local tbl; local function f() tbl[1] = 2 end; f()',
  setGlobalIndex: 'local s = "str"; s.x = 1',
};

describe('error messages against lua5.1', () => {
  for (const [name, src] of Object.entries(cases)) {
    it(name, () => {
      expectSame(src);
    });
  }
});
