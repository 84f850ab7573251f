local function f() end
local env = {}
print(setfenv(f, env) == f, getfenv(f) == env)
