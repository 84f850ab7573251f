local a = 1
local function f()
  return a
end
local function g()
  a = 2
  local b = 3
  return function() return a + b end
end
local h = function(x, y, ...) return x end
function gf(x) return x end
function t.m(x) return x end
function t.a.b.c(x) end
function t:meth(x) return self, x end
function t.a:meth() end
local c = function() local d = 1; return function() return function() return d, a end end end
