local t = { n = 0 }
t.a, t.b, t["c"] = 1, 2, 3
print(t.a, t.b, t.c)
t.n, t.m = t.n + 1, t.n
print(t.n, t.m)
