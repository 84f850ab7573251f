local fns = {}
local i = 0
repeat
  local k = i
  fns[#fns + 1] = function() return k end
  i = i + 1
until k >= 2
print(#fns, fns[1](), fns[3]())
