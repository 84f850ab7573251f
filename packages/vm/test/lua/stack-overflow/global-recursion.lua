function g(n) local x = g(n + 1); return x end
local ok, e = pcall(g, 1)
print(ok, e)
