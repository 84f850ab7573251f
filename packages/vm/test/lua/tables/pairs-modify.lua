local t = {a = 1, b = 2, c = 3, d = 4}
for k in pairs(t) do t[k] = nil end
print(next(t))
local u = {1, 2, 3, x = 1}
for k, v in pairs(u) do u[k] = v * 2 end
print(u[1], u[2], u[3], u.x)
