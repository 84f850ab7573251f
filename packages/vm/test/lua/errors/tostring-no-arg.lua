print(pcall(tostring))
print(pcall(type))
print(pcall(rawequal, 1))
print(pcall(rawlen))
