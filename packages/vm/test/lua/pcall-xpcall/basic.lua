print(pcall(function() return 1, 2, 3 end))
print(pcall(function() error("x") end))
print(pcall(function(...) return select("#", ...) end, 1, nil, 3))
