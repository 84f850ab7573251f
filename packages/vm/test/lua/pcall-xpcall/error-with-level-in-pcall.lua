local function lib(x) if type(x) ~= "number" then error("expected number", 2) end return x end
local function user() return lib("no") end
print(pcall(user))
print(pcall(lib, "no"))
