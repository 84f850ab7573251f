local a, b, c
a, b = b, a
a, b, c = 1
a, b = 1, 2, 3
a.x, a.y = 1, 2
local t = {}
t[a], a = 1, 2
a, t[a] = 2, 1
t.x, t.y, t = 1, 2, 3
a, b = f()
a, b, c = f(), g()
x, y, z = 1, 2
a = a + 1
a.b.c.d = e.f.g
