local mt = {}
mt.__tostring = function(self) return tostring(self) end
local t = setmetatable({}, mt)
print(pcall(tostring, t))
