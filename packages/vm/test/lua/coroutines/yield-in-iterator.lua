local co = coroutine.wrap(function()
  for k, v in ipairs({ "a", "b" }) do coroutine.yield(k, v) end
  return "end"
end)
print(co())
print(co())
print(co())
