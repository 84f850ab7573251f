print(xpcall(function() error("a") end, nil))
print(pcall(xpcall))
print(pcall(xpcall, print))
