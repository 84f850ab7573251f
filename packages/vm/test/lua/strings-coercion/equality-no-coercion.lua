print(1 == "1", "1" == 1, 0 == "0", "" == false)
local t = {}
t[1] = "number"
t["1"] = "string"
print(t[1], t["1"], t[1.0])
