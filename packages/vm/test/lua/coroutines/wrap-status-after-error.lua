local co
co = coroutine.create(function() error("x") end)
coroutine.resume(co)
print(coroutine.status(co))
print(coroutine.resume(co))
