local t = {}
t[1] = "int"; t[1.5] = "float"; t["1"] = "str"; t[true] = "bool"; t[false] = "f"
print(t[1], t[1.5], t["1"], t[true], t[false])
local k = {}
t[k] = "table"
print(t[k], t[{}])
t[print] = "fn"
print(t[print])
