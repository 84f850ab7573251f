local t = { a = 1 }
print(pcall(next, t, "b"))
print(pcall(next, nil))
print(pcall(next, {}, nil))
