local function it() return coroutine.yield("it") end
local co = coroutine.create(function() for x in it do return x end end)
print(coroutine.resume(co))
print(coroutine.resume(co, "val"))
