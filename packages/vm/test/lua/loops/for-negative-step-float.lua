for i = 1, -1, -0.5 do print(i) end
for i = 10, 1, -3 do print(i) end
