local function f(...) return select("#", ...) end
print(f(1, nil), f(nil), f(1, 2, nil, nil))
local function g(...) local a, b, c = ... return a, b, c end
print(g(1))
