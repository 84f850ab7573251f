local function f(...) return select("#", ...) end
print(f(nil), f(nil, nil, nil), f(f()))
