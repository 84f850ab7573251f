if 0 then print("0 is true") end
if "" then print("empty string is true") end
if not nil and not false then print("nil and false are false") end
local x = nil
print(x == nil, x == false, not x)
