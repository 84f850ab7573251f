local f = loadstring("return 1 + 2")
print(f())
print(loadstring("x = ...; return x * 2")(21))
