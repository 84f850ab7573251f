print(3x)
