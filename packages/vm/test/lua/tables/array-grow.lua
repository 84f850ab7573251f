local t = {}
for i = 1, 100 do t[i] = i * i end
print(#t, t[100], t[50])
for i = 100, 51, -1 do t[i] = nil end
print(#t)
