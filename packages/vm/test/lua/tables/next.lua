local t = {10, 20, 30}
local k, v = next(t)
print(k, v)
k, v = next(t, k)
print(k, v)
k, v = next(t, 3)
print(k, v)
print(next({}))
print(pcall(next, t, "nokey"))
