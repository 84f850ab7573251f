local x = 5
local t = { get = function() return x end, set = function(v) x = v end }
t.set(9)
print(t.get(), x)
