local function two() return 1, 2 end
local a, b, c = two()
print(a, b, c)
local d, e, f = two(), 10
print(d, e, f)
local g, h = (two())
print(g, h)
