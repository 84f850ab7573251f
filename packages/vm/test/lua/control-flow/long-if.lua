local s = 0
for i = 1, 20 do
  if i % 15 == 0 then s = s + 15 elseif i % 5 == 0 then s = s + 5 elseif i % 3 == 0 then s = s + 3 else s = s + 1 end
end
print(s)
