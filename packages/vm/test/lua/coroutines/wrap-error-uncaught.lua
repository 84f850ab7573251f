local f = coroutine.wrap(function() error("in wrap") end)
f()
