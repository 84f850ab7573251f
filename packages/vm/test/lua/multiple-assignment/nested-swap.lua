local t = { 1, 2, 3 }
t[1], t[3] = t[3], t[1]
print(t[1], t[2], t[3])
local o = { x = 1, y = 2 }
o.x, o.y = o.y, o.x
print(o.x, o.y)
