local callable = setmetatable({}, { __call = function(self, a, b) return a + b, self end })
local r, s = callable(3, 4)
print(r, s == callable)
print(pcall(callable, 1, 2) == true, select(3, pcall(callable, 1, 2)) == callable)
