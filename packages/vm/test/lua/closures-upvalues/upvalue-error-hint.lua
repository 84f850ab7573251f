local up
local function f() return up.field end
print(pcall(f))
local function g() return up() end
print(pcall(g))
