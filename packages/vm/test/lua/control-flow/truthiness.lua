for _, v in ipairs({0, "", false, true, "false"}) do
  if v then print(tostring(v), "truthy") else print(tostring(v), "falsy") end
end
if nil then print("x") else print("nil falsy") end
