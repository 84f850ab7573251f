local t = {}
for i = 1, 10 do t[i] = i end
t[10] = nil; t[9] = nil
print(#t)
t[5] = nil
print(#t == 8 or #t == 4)
