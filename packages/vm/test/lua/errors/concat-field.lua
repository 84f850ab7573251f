local t = {}
print(t.name .. "!")
