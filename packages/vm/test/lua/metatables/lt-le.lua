local mt = {}
mt.__lt = function(a, b) return a.v < b.v end
mt.__le = function(a, b) return a.v <= b.v end
local function new(v) return setmetatable({ v = v }, mt) end
local x, y = new(1), new(2)
print(x < y, x > y, x <= y, x >= y, x <= x)
