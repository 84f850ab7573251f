local base = { greet = "hi", n = 1 }
local t = setmetatable({}, { __index = base })
print(t.greet, t.n, t.missing)
t.n = 2
print(t.n, base.n)
