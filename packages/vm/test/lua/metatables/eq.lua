local mt = { __eq = function(a, b) print("eq called"); return true end }
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a == b, a ~= b)
print(a == a)
local c = setmetatable({}, { __eq = function() return true end })
print(a == c)
print(a == 1)
