local s = 5
print(pcall(function() return s.x end))
print(pcall(function() s.x = 1 end))
print(pcall(function() local b = true; return b[1] end))
print(("abc").len == nil)
