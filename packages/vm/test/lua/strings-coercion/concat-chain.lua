local a, b, c = "x", 1, "z"
print(a .. b .. c .. 2 .. 3.5)
local s = ""
for i = 1, 10 do s = s .. i .. "," end
print(s)
