local co = coroutine.wrap(function(x)
  local y = coroutine.yield(x)
  return y.field
end)
co(1)
co(nil)
