local mt = { __lt = function(a, b) return a.v.w < b end }
local a, b = setmetatable({ v = {} }, mt), setmetatable({}, mt)
print(a < b)
