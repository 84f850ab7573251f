local function f(...) return select("#", ...) end
local function g() return f(1, 2, 3) end
print(g())
local function h(x) return tostring(x) end
print(h(12))
