do
  local a = 1
  do
    local b = 2
    print(a, b)
  end
  local c = 3
end
local x
do local y; x = function() return y end end
