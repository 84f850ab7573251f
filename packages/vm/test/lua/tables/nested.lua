local t = { a = { b = { c = 42 } } }
print(t.a.b.c)
t.a.b.c = t.a.b.c + 1
print(t["a"]["b"]["c"])
local m = { {1, 2}, {3, 4} }
print(m[1][1] + m[2][2])
