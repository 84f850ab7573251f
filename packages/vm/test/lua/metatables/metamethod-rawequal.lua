local mt = { __eq = function() return false end }
local a = setmetatable({}, mt)
print(a == a, rawequal(a, a))
