local co = coroutine.create(function() local function f() error("lvl2", 2) end f() end)
print(coroutine.resume(co))
local co2 = coroutine.create(function() error("lvl2 at top", 2) end)
print(coroutine.resume(co2))
