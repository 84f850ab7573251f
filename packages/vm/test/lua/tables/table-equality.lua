local a, b = {}, {}
print(a == b, a == a, a ~= b)
local t = { [a] = 1, [b] = 2 }
print(t[a], t[b])
