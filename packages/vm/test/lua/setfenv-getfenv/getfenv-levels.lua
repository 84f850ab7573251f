print(getfenv() == _G, getfenv(0) == _G, getfenv(1) == _G)
local function f() return getfenv(2) end
print(f() == _G)
print(pcall(getfenv, -1))
print(pcall(getfenv, 50))
