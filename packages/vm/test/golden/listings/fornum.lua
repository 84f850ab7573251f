for i = 1, 10 do print(i) end
for i = 10, 1, -1 do
  print(i)
end
for i = a, b, c do end
local t = {}
for i = 1, #t do
  t[i] = i * 2
  if i > 5 then break end
end
