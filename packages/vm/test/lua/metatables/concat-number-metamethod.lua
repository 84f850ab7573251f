local v = setmetatable({}, { __concat = function(a, b) return "joined" end })
print(1 .. v, v .. 2.5, pcall(function() return {} .. v end))
