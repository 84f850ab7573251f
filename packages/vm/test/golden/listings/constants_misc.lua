local a = 1 == 1
local b = "a" < "b"
local c = not 0
local d = not "x"
local e = not not nil
local f = 1 .. 2
local g = "x" .. 1 .. "y"
local h = -"2"
local i = - -x
local j = #{}
local k = 2^-1
local l = (2)^(3)
local m = 1e300 * 1e300
local n = -(0/0)
local o = 3 % -2
local p = -3 % 2
local q = 5.5 % 2
local r = 0 * -1
local s = x == x
local t = (x) == (1)
if 1 then y = 1 end
if "s" then y = 2 end
if not nil then y = 3 end
while 1 do break end
repeat until 1
repeat until nil
