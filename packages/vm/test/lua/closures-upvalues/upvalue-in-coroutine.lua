local n = 0
local co = coroutine.wrap(function() while true do n = n + 1; coroutine.yield(n) end end)
co(); co(); co()
print(n)
