local co = coroutine.create(function(...)
  print("args", select("#", ...), ...)
  while true do
    print("got", coroutine.yield())
  end
end)
coroutine.resume(co, 1, nil)
coroutine.resume(co)
coroutine.resume(co, nil, nil)
coroutine.resume(co, "a", "b", "c")
