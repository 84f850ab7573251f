print(select(-1, 1, 2, 3))
print(pcall(select, -4, 1, 2, 3))
print(select(2.7, "a", "b", "c"))
print(select("2", "a", "b", "c"))
