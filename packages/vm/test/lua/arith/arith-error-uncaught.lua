local x = "hello"
print(x * 2)
