local fs = {}
for i = 1, 10 do
  local x = i
  fs[i] = function() return x end
  if x > 5 then break end
end
while true do
  do
    local y = 1
    fs[0] = function() return y end
    if y then break end
  end
end
for k, v in pairs(fs) do
  local z = v
  if z then
    local w = z
    fs[k] = function() return w, z end
    break
  end
end
repeat
  local u = 1
  local function g() return u end
  if g() then break end
until u
