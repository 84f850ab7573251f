local fs = {}
for i = 1, 3 do
  fs[i] = function() return i end
end
for k, v in pairs(t) do
  fs[k] = function() return k, v end
end
local j = 0
while j < 3 do
  local x = j
  fs[j] = function() return x end
  j = j + 1
end
repeat
  local y = 1
  fs[0] = function() return y end
until y
repeat
  local z = 1
  fs[0] = function() return z end
  if z then break end
until false
do
  local w = 1
  fs[9] = function() return w end
end
while true do
  local q = 1
  fs[1] = function() return q end
  if q then break end
end
