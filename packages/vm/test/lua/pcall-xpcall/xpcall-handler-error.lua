print(xpcall(function() error("a") end, function(m) error("b") end))
