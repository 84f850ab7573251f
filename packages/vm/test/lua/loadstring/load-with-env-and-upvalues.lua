local x = "local"
local f = loadstring("return x")
x = "changed"
print(f())
X = "global"
print(loadstring("return X")())
