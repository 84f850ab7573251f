local t = {}
t[1] = 1
t[3] = 3
t[2] = 2
print(#t)
local u = {}
for i = 10, 1, -1 do u[i] = i end
print(#u)
