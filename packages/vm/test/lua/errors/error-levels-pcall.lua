local function f(l) error("msg", l) end
print(pcall(f, 0))
print(pcall(f, 1))
print(pcall(f, 2))
print(pcall(f, 3))
local function g() f(2) end
print(pcall(g))
