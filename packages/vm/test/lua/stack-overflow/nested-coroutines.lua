local function nest(n)
  local co = coroutine.create(function() return nest(n + 1) end)
  local ok, v = coroutine.resume(co)
  if ok then return v end
  return n
end
local n = nest(1)
print(n > 100)
