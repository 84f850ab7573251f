print(tonumber("0x"), tonumber("0x1p4"), tonumber("1e+"), tonumber("  0x10  "), tonumber("1e1000"))
print(tonumber("10", 16), tonumber("Z", 36), tonumber("", 10), tonumber(" ", 10))
print(pcall(tonumber, {}, 10))
