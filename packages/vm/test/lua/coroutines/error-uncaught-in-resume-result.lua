local co = coroutine.create(function() error("bad") end)
local ok, e = coroutine.resume(co)
error(e, 0)
