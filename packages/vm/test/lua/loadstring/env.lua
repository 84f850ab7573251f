local f = loadstring("return y")
y = "global"
print(f())
print(getfenv(f) == _G)
