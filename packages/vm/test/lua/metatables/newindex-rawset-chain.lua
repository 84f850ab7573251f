local log = {}
local base = setmetatable({}, { __newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v) end })
local derived = setmetatable({}, { __newindex = base })
derived.a = 1
derived.b = 2
print(rawget(derived, "a"), rawget(base, "a"), log[1], log[2], #log)
