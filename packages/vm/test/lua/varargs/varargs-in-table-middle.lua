local function f(...) return { ..., "last" } end
local t = f(1, 2, 3)
print(#t, t[1], t[2])
