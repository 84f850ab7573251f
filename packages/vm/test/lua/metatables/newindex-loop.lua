local t = setmetatable({}, {})
getmetatable(t).__newindex = t
print(pcall(function() t.x = 1 end))
