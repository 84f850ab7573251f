local f, err = loadstring("return +")
print(f, err)
local g, err2 = loadstring("return 1", "=(name)")
print(type(g), err2, g())
