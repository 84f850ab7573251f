local fns = {}
for i = 1, 10 do
  local x = i * 2
  fns[i] = function() return x end
  if i == 3 then break end
end
print(#fns, fns[1](), fns[2](), fns[3]())
