local t = setmetatable({}, { __call = 5 })
print(pcall(t))
print(pcall(function() t() end))
