local function f() error("inside") end
local ok, e = pcall(f)
print(ok, e)
local function g() local x = nil; x() end
g()
