local t = {}
if t < 5 then print("x") end
