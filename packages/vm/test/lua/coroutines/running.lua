print(coroutine.running())
local co = coroutine.create(function()
  local r = coroutine.running()
  print(type(r))
  return r
end)
local ok, r = coroutine.resume(co)
print(ok, r == co)
