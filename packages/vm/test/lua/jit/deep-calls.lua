-- Translated functions call each other by JS calls up to a depth, then hand
-- frames to the loop: results, errors and tracebacks must not notice.
local function sum(n) if n == 0 then return 0 end return n + sum(n - 1) end
for _ = 1, 50 do sum(10) end
print(sum(5000), sum(100), sum(41))
local function multi(n) if n == 0 then return 1, 2, 3 end return multi(n - 1) end
print(multi(200))
print(select('#', multi(60)))
local function deep(n) if n == 0 then error("bottom reached") end local r = deep(n - 1) return r end
for d = 30, 50 do
  local ok, e = pcall(deep, d)
  if d % 10 == 0 then print(d, ok, e) end
end
local function overflow(n) return 1 + overflow(n + 1) end
local ok, e = pcall(overflow, 1)
print(ok, e)
local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + 1) end
print(tail(300000, 0))
local function count(n) if n == 0 then return end count(n - 1) end
for _ = 1, 100 do count(45) end
-- an uncaught error from depth: message and traceback as lua5.1
local function fail(n) if n == 0 then local t = nil; return t.x end return (fail(n - 1)) end
for i = 1, 60 do pcall(fail, i) end
fail(45)
