local function f() return 1 + f() end
local co = coroutine.wrap(f)
co()
