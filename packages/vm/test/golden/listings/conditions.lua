local a, b, c
while a and b or c do a = nil end
while not a do a = 1 end
if a and (b or c) then print(1) end
if (a or b) and not c then print(2) end
local x = a < b and b < c
local y = (a == b) == (b == c)
local z = not (a and b)
if a ~= nil and a.x then print(3) end
repeat until a or b
