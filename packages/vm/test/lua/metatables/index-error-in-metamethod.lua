local t = setmetatable({}, { __index = function(t, k) error("no field " .. k) end })
print(pcall(function() return t.foo end))
print(t.bar)
