local i = 0
while i < 10 do
  i = i + 1
end
while true do
  if i > 20 then break end
  i = i + 2
end
while i do break end
repeat
  i = i - 1
until i <= 0
repeat local x = i until x
