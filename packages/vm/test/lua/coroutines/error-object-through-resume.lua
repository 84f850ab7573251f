local co = coroutine.create(function() error(setmetatable({}, { __tostring = function() return "E!" end })) end)
local ok, e = coroutine.resume(co)
print(ok, tostring(e))
