local a = 1
if a then print(1) end
if a then print(1) else print(2) end
if a == 1 then
  print("one")
elseif a == 2 then
  print("two")
elseif a then
  print("other")
else
  print("none")
end
if not a then end
if a and b then x = 1 end
if a or b then x = 2 end
if nil then x = 3 end
if true then x = 4 end
if a > b then x = 5 else x = 6 end
