local s = "abc"
print(s % 2)
