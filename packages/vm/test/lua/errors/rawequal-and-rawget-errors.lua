print(pcall(rawget, "s", 1))
print(pcall(rawset, "s", 1, 2))
print(pcall(rawequal))
