local fs = {}
local n = 0
while n < 3 do
  n = n + 1
  local captured = n * 10
  fs[n] = function() return captured end
end
print(fs[1](), fs[2](), fs[3]())
