local t = setmetatable({}, { __index = function() error("meta", 2) end })
print(pcall(function() return t.x end))
