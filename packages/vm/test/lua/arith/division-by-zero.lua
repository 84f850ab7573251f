print(1 / 0, -1 / 0, 0 / 0 ~= 0 / 0)
local z = 0
print(1 / z, -1 / z)
print(5 % 0 ~= 5 % 0)
