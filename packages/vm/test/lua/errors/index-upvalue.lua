local u
local function f() return u[1] end
f()
