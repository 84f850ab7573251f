-- Numeric for loops and arithmetic on locals (integer-valued so Lua 5.3 engines agree).
local sum = 0
for i = 1, 20000000 do
  sum = sum + i % 7 * 3 - 1
  if sum > 1000000000 then sum = sum - 1000000000 end
end
print("checksum", sum)
