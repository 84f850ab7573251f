local function f() end
print(getfenv(f) == _G, getfenv(print) == _G)
local env = {}
setfenv(f, env)
print(getfenv(f) == env)
print(pcall(getfenv, "x"))
