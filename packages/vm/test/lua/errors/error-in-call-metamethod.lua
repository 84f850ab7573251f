local t = setmetatable({}, { __call = function(self, x) return x.y end })
t(nil)
