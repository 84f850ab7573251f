for i = 1, 10 do if i > 3 then break end print(i) end
local n = 0
while true do n = n + 1; if n == 5 then break end end
print(n)
repeat n = n + 1; if n == 8 then break end until false
print(n)
