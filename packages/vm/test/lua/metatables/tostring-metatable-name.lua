local t = setmetatable({}, { __tostring = function() return "T" end, __metatable = "hidden" })
print(tostring(t), getmetatable(t))
