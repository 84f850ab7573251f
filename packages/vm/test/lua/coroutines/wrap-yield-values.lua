local f = coroutine.wrap(function(a) local b = coroutine.yield(a * 2); return b + 1 end)
print(f(5))
print(f(10))
