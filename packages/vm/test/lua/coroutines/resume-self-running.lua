local co
co = coroutine.create(function()
  print(coroutine.resume(co))
  print(coroutine.status(co))
end)
coroutine.resume(co)
