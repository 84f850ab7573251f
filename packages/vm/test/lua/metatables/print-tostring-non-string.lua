local t = setmetatable({}, { __tostring = function() return {} end })
print(pcall(print, t))
print(type(select(2, pcall(tostring, t))))
