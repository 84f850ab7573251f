for i = 1, 3 do print(i) end
for i = 3, 1, -1 do print(i) end
for i = 1, 0 do print("never") end
for i = 1, 2, 0.5 do print(i) end
for i = 0.1, 0.35, 0.1 do print(i) end
