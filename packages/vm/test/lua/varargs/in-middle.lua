local function f(...) return ... end
print(f(1, 2), f(3, 4))
print(f(1, 2), "x")
local t = { f(1, 2), f(3, 4) }
print(#t, t[1], t[2], t[3])
local u = { f(1, 2), (f(3, 4)) }
print(#u)
