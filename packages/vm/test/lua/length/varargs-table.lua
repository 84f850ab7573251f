local function count(...) return #{...} end
print(count(), count(1), count(1, 2, 3), count(nil, 2), count(1, nil))
