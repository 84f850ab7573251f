local t = setmetatable({}, { __call = function(_, x) return x * 2 end })
local function f(x) return t(x) end
print(f(21))
