-- Yields from translated frames at every depth; resumes continue each frame.
local function walk(n)
  if n == 0 then coroutine.yield("leaf") return 1 end
  local s = 0
  for i = 1, 2 do s = s + walk(n - 1) end
  return s
end
local co = coroutine.create(function() return walk(6) end)
local yields = 0
while true do
  local ok, v = coroutine.resume(co)
  if coroutine.status(co) == "dead" then print("done", ok, v) break end
  yields = yields + 1
end
print("yields", yields)
local function deepyield(n) if n == 0 then return coroutine.yield(n) + 1 end return deepyield(n - 1) + 1 end
for d = 1, 120, 17 do
  local c = coroutine.wrap(function() return deepyield(d) end)
  local first = c()
  print(d, first, c(100))
end
-- generators in hot loops
local function range(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end) end
local total = 0
for _ = 1, 30 do for i in range(50) do total = total + i end end
print(total)
print(pcall(coroutine.wrap(function() for i = 1, 100 do if i == 77 then error("at " .. i) end end end)))
