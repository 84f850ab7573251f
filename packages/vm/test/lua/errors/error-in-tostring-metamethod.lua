local t = setmetatable({}, { __tostring = function() error("tostring failed") end })
print(t)
