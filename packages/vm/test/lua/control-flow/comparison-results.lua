local a, b = 3, 5
local r1 = a < b
local r2 = a == b
local r3 = not (a > b)
print(r1, r2, r3, (a < b) == true)
