local co = coroutine.create(function(...)
  local a, b = coroutine.yield(...)
  return a, b, "end"
end)
print(coroutine.resume(co, 1, 2, 3))
print(coroutine.resume(co, "x"))
