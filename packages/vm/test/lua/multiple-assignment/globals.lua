x, y, z = 1, 2
print(x, y, z)
x, y = y, x
print(x, y)
