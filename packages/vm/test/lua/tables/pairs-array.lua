local t = {5, 6, 7}
local n, sum = 0, 0
for k, v in pairs(t) do n = n + 1; sum = sum + k * v end
print(n, sum)
local h = {a = 1, b = 2, c = 3, 4, 5}
local cnt, total = 0, 0
for k, v in pairs(h) do cnt = cnt + 1; total = total + v end
print(cnt, total)
