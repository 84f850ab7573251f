local function deep(n) if n == 0 then coroutine.yield("bottom") return "up" end return deep(n - 1) end
local co = coroutine.create(function() return deep(100) end)
print(coroutine.resume(co))
print(coroutine.resume(co))
