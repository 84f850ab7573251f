local a, b = 1, nil
print(a + b)
