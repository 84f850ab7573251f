local t = setmetatable({}, { __index = function(_, k) return k * 2 end })
print(t[21], t[0.5])
print(pcall(function() return t.name end))
