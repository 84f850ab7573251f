-- Errors raised by translated code: texts, variable names, lines.
local function arith(a, b) return a + b end
local function idx(t) return t.field.sub end
local function call(f) return f() end
local function cmp(a, b) return a < b end
local function cat(a, b) return a .. b end
local function len(x) return #x end
local function loop(a, b) for i = a, b do end end
local up = nil
local function upv() return up.x end
local function glob() return undefined_global.x end
local function meth(o) return o:missing() end
local function neg(x) return -x end
for i = 1, 100 do
  arith(i, 1); idx({ field = { sub = i } }); call(function() return 1 end); cmp(i, 2)
  cat("a", i); len("xy"); loop(1, 2); pcall(upv); neg(i)
end
print(pcall(arith, 1, {}))
print(pcall(arith, "10", " 0x10 "))
print(pcall(arith, "x", 1))
print(pcall(idx, {}))
print(pcall(idx, 5))
print(pcall(call, nil))
print(pcall(cmp, 1, "2"))
print(pcall(cmp, {}, {}))
print(pcall(cat, "a", {}))
print(pcall(cat, nil, "b"))
print(pcall(len, 5))
print(pcall(loop, "x", 2))
print(pcall(loop, 1, {}))
print(pcall(upv))
print(pcall(glob))
print(pcall(meth, {}))
print(pcall(neg, "3"))
print(pcall(neg, {}))
local t = {}
print(pcall(function() for i = 1, 100 do t[i] = i end t[nil] = 1 end))
print(pcall(function() for i = 1, 100 do t[i] = i end t[0/0] = 1 end))
print(pcall(function() local s = 0 for i = 1, 100 do s = s + i end return s .. nil end))
