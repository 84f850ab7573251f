local t = {}
local i = 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])
local a = {}
local k = 1
a[k], k = "x", 2
print(a[1], a[2], k)
