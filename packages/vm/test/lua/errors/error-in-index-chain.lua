local inner = setmetatable({}, { __index = function(t, k) local z; return z.k end })
local outer = setmetatable({}, { __index = inner })
print(outer.anything)
