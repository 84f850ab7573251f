local t = {"a", "b", "c", nil, "e"}
for i, v in ipairs(t) do print(i, v) end
for i, v in ipairs({}) do print("never") end
print(pcall(ipairs))
print(pcall(ipairs, nil))
