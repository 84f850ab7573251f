print(select(-3, 1, 2, 3))
print(pcall(select, -4, 1, 2, 3))
print(select("#", select(2, 1, 2, 3)))
