local function f() return 1 + f() end
local co = coroutine.create(f)
print(coroutine.resume(co))
