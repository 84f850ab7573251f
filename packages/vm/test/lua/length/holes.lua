local t = {1, 2, 3, 4, 5, 6, 7, 8}
t[4] = nil
print(#t)
t[8] = nil
print(#t)
local u = {}
u[1] = 1; u[2] = 2; u[4] = 4
print(#u)
