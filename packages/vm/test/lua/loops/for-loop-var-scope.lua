local i = "outer"
for i = 1, 2 do end
print(i)
for k, v in ipairs({ 1 }) do i = k end
print(i)
