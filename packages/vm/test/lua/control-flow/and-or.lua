print(1 and 2, nil and 1, false and nil, 1 or 2, nil or 2, false or nil, nil or false)
print(1 and nil or 3, false or false and 1)
local x = nil
print(x and x.y or "default")
print(not 1, not nil, not not 0)
