local t = {}
local k = 0/0
t[k] = true
