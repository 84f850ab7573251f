local parts = { "return ", "1 ", "+ 41" }
local i = 0
local f = load(function() i = i + 1; return parts[i] end)
print(f())
print(type(load(function() return nil end)))
local once = false
local g, e = load(function() if once then return nil end once = true; return "x =" end, "=reader")
print(g, e)
