local t = { 10, 20 }
for k, v in next, t do print(k, v) end
for k, v in next, t, 1 do print(k, v) end
