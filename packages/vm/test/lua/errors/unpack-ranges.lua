local t = { 1, 2, 3 }
print(unpack(t, 2, 5))
print(unpack(t, "2", "3"))
print(pcall(unpack, t, "x"))
