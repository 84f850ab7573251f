local t = { 1, 2, nil, 4 }
local c = 0
for _ in ipairs(t) do c = c + 1 end
print(c)
