local start
for i = start, 10 do print(i) end
