local a, b, c, d, e = 1, 2, 3, 4, 5
local function f() return a + b + c + d + e end
a = 10
print(f())
local function g() a, b = b, a; return a, b end
print(g())
print(a, b)
