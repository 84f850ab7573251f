local function f(...) return select("#", ...) end
local t = {}
for i = 1, 200 do t[i] = i end
print(f(unpack(t)))
print(select(200, unpack(t)))
