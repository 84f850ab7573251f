local t = {}
for i = 1, 1000 do t["k" .. i] = i end
local sum = 0
for k, v in pairs(t) do sum = sum + v end
print(sum, t.k500, t.k1001)
for i = 1, 1000, 2 do t["k" .. i] = nil end
sum = 0
for k, v in pairs(t) do sum = sum + v end
print(sum)
