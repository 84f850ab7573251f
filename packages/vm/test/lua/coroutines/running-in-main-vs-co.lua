local main = coroutine.running()
print(main)
local co = coroutine.create(function() return coroutine.running() == nil end)
print(coroutine.resume(co))
