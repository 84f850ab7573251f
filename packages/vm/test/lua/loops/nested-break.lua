for i = 1, 3 do
  for j = 1, 3 do
    if j > i then break end
    print(i, j)
  end
end
