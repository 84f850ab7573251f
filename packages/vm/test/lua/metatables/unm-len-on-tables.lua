local t = setmetatable({}, { __unm = function() return "neg" end })
print(-t)
print(pcall(function() return -{} end))
