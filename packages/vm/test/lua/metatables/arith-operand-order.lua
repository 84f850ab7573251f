local mt = { __add = function(a, b) return type(a) .. "+" .. type(b) end }
local v = setmetatable({}, mt)
print(v + 1, 1 + v, "x" + v)
local w = setmetatable({}, { __add = function() return "w" end })
print(v + w, w + v)
