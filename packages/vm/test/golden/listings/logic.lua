local a, b, c = 1, 2, 3
local d = a and b
local e = a or b
local f = a and b or c
local g = not a
local h = not not a
local i = a and b and c
local j = a or b or c
local k = (a or b) and c
local l = not (a == b)
local m = not nil
local n = not 1
local o = a and 1 or 2
local p = nil and a
local q = false or a
local r = true and a
local s = a == b and c or d
local t = x or {}
