print(1 + 2 * 3 - 4 / 2)
print(-(2 ^ 2), 2 ^ -1)
local a = 0/0
print(a ~= a)
print(10 % 3 + 1, 2 * (3 + 4))
