local t = setmetatable({}, { __index = function() return coroutine.yield("from index") end })
local co = coroutine.create(function() return t.x end)
print(coroutine.resume(co))
