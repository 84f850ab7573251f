local function h(m) return "[" .. tostring(m) .. "]" end
print(xpcall(function() local t = nil; return t.x end, h))
print(xpcall(function() error(7) end, h))
print(xpcall(function() error() end, h))
