local log = {}
local t = setmetatable({}, { __newindex = function(tbl, k, v) rawset(tbl, k, v * 2) end })
t.a = 1
t.a = 5
print(t.a)
local store = {}
local p = setmetatable({}, { __newindex = store })
p.x = 10
print(rawget(p, "x"), store.x)
