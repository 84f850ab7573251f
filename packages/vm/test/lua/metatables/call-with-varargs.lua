local t = setmetatable({}, { __call = function(self, ...) return select("#", ...), ... end })
print(t())
print(t(nil, nil))
print(t(1, 2, 3))
