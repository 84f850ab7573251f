for i = 1, 5 do print(i, i / 2, i * 1.5) end
print(7 // 1)
