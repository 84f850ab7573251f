print(pcall(error, 5, 1))
print(pcall(error, "x", 1))
print(pcall(function() error(5) end))
print(pcall(function() error(5.5, 2) end))
