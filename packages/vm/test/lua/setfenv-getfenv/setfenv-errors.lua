print(pcall(setfenv, 1, 2))
print(pcall(setfenv, print, {}))
print(pcall(setfenv, {}, {}))
print(pcall(setfenv, 100, {}))
