local x = 1
do local x = 2; print(x) end
print(x)
do
  local y = 3
  do local y = y + 1; print(y) end
  print(y)
end
