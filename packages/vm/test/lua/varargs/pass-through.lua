local function count(...) return select("#", ...) end
local function pass(...) return count(...) end
print(pass(), pass(nil), pass(1, nil, nil))
local function wrap(f, ...) return f(...) end
print(wrap(count, 1, 2, 3))
