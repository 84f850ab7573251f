local a = {}
local b = {1, 2, 3}
local c = {x = 1, y = 2}
local d = {1, x = 2, 3, [4] = 5, ["s"] = 6}
local e = {f()}
local f = {f(), g()}
local g = {...}
local h = {1, 2, ...}
local i = {{}, {1}, {x = {}}}
local j = {[1] = 1, [2] = 2}
local k = {1; 2; x = 3;}
local l = {a.b, a[1], a:c()}
local m = {nil, true, false}
