local u
local function f() return "x" .. u end
f()
