local depth = 0
local function f() depth = depth + 1; f() end
local ok, e = pcall(f)
print(ok, e)
print(depth > 1000)
local function sum(n) if n == 0 then return 0 end return n + sum(n - 1) end
print(sum(1000))
