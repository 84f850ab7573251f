function add(a, b) return a + b end
print(add(1, 2), type(add), _G.add == add)
