local a
local b, c = 1, 2
local d, e, f = 3
local g = a
local h, i = b, c, d
local j, k, l
local m = nil
local n = true
local o = false
local p = "str"
local q = -1
