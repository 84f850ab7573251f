local t = setmetatable({}, {})
getmetatable(t).__index = function(tbl, k) return tbl[k] end
print(pcall(function() return t.x end))
