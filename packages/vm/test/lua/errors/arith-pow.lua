local b = true
print(2 ^ b)
