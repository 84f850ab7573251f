local env = setmetatable({}, { __index = _G })
local f = loadstring("z = 10; return z + (w or 0)")
setfenv(f, env)
w = 5
print(f(), z, env.z)
