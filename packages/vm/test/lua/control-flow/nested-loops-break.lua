local out = 0
for i = 1, 5 do
  local j = 0
  while true do
    j = j + 1
    repeat
      out = out + 1
      if out % 7 == 0 then break end
    until out % 3 == 0
    if j >= i then break end
  end
end
print(out)
