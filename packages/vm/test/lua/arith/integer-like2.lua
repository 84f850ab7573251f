local t = {}
for i = 1, 5 do t[#t + 1] = i * 0.5 end
for i = 1, #t do print(t[i]) end
print(2^52 + 0.5, 2^53 + 1)
