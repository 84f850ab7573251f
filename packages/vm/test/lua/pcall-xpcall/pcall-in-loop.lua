local n = 0
for i = 1, 100 do
  local ok = pcall(function() if i % 3 == 0 then error("x") end end)
  if not ok then n = n + 1 end
end
print(n)
