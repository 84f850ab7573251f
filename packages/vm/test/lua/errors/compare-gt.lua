local b = true
print(1 > b)
