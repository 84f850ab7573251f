local mt = { __add = function(a, b) return a.value + b end }
local v = setmetatable({}, mt)
print(v + 1)
