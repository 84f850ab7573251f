local function v(...) return ... end
print(v(1) and v(nil) or v(false))
print(nil or nil or 3, false and 1 or nil, 1 and 2 and 3, nil and nil or false)
print((v()) == nil)
