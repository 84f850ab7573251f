local t = {}
for i = 1, 50 do t[i] = i end
for i = 1, 50 do t["s" .. i] = i end
local a, b = 0, 0
for k, v in pairs(t) do if type(k) == "number" then a = a + v else b = b + v end end
print(a, b)
