local mt = { __eq = function() return true end }
local t = setmetatable({}, mt)
print(t == 1, t == "x", t == nil, 1 == t)
