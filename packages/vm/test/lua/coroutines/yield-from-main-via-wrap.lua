local f = coroutine.wrap(function() coroutine.yield(1) end)
f()
print(pcall(coroutine.yield))
