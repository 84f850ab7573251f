print(xpcall(function() return "ok", 2 end, print))
print(xpcall(function() error("fail") end, function(m) return "handled: " .. m end))
print(xpcall(function() error({}) end, function(m) return type(m) end))
