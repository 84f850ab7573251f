local t = { 1, 2, 3, a = 1, b = 2 }
local n = 0
for k in pairs(t) do n = n + 1 end
print(n)
t.a = nil
n = 0
for k in pairs(t) do n = n + 1 end
print(n)
