local cos = {}
for i = 1, 500 do cos[i] = coroutine.create(function(x) coroutine.yield(x + i) return i end) end
local s = 0
for i = 1, 500 do local _, v = coroutine.resume(cos[i], 1); s = s + v end
for i = 1, 500 do local _, v = coroutine.resume(cos[i]); s = s + v end
print(s)
