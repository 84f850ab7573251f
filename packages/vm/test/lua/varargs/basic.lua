local function f(...) return ... end
print(f())
print(f(1, 2, 3))
print((f(1, 2, 3)))
print(f(1, nil, 3))
print(select("#", f(nil, nil)))
