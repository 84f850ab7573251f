local t = {1, 2, 3, x = 10, ["y"] = 20, [3 + 1] = 4}
print(t[1], t[2], t[3], t[4], t.x, t.y, t.z)
local u = {[1] = "a", "b"}
print(u[1])
local v = {1, 2, 3; 4, 5}
print(#v, v[5])
