local mt = getmetatable("")
print(type(mt), type(mt.__index))
print(("x").nothing)
