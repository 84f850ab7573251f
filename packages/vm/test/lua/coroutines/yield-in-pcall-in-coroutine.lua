local co = coroutine.create(function()
  local ok, err = pcall(function() coroutine.yield(1) end)
  return ok, err
end)
print(coroutine.resume(co))
print(coroutine.resume(co))
