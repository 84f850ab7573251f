local co = coroutine.create(function()
  local ok, e = pcall(coroutine.yield, "y")
  print("after", ok, e)
  return "fin"
end)
print(coroutine.resume(co))
print(coroutine.resume(co, "resumed"))
