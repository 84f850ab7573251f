local t = setmetatable({}, { __index = function(tbl, k) return k .. "!" end })
print(t.a, t[1], t.b)
rawset(t, "a", "real")
print(t.a)
