local set = {}
for i = 1, 20 do set[i % 7] = true end
local c = 0
for k in pairs(set) do c = c + 1 end
print(c)
