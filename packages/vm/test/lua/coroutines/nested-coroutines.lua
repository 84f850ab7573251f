local function producer()
  return coroutine.create(function()
    for i = 1, 3 do coroutine.yield("item" .. i) end
  end)
end
local function filter(p)
  return coroutine.create(function()
    while true do
      local ok, v = coroutine.resume(p)
      if not v then break end
      coroutine.yield(v .. "!")
    end
  end)
end
local f = filter(producer())
while true do
  local ok, v = coroutine.resume(f)
  if not v then break end
  print(v)
end
