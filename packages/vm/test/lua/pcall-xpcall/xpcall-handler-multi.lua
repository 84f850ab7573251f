print(xpcall(function() error("z") end, function(m) return 1, 2, 3 end))
