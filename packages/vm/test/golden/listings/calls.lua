print()
print(1, 2, 3)
print "str"
print {1, 2}
f(g())
f(g(), 1)
f(1, g())
local a = f()
local b, c = f()
local d, e, f2 = 1, f()
x, y = f()
obj:method(1, 2)
obj.field:method()
obj:m "s"
obj:m {}
a.b.c(1)
f()()
f(...)
local t = {f()}
local u = {f(), 1}
local v = {(f())}
