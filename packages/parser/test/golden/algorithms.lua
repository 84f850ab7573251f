-- Sorting, searching, memoisation, varargs and closures.
local M = {}

local function swap(t, i, j) t[i], t[j] = t[j], t[i] end

function M.quicksort(t, lo, hi, cmp)
  lo, hi = lo or 1, hi or #t
  cmp = cmp or function(a, b) return a < b end
  if lo < hi then
    local p = t[hi]
    local i = lo - 1
    for j = lo, hi - 1 do
      if cmp(t[j], p) then
        i = i + 1
        swap(t, i, j)
      end
    end
    swap(t, i + 1, hi)
    M.quicksort(t, lo, i, cmp)
    M.quicksort(t, i + 2, hi, cmp)
  end
  return t
end

function M.bsearch(t, x)
  local lo, hi = 1, #t
  while lo <= hi do
    local mid = math.floor((lo + hi) / 2)
    local v = t[mid]
    if v == x then return mid
    elseif v < x then lo = mid + 1
    else hi = mid - 1 end
  end
  return nil
end

function M.memoize(f)
  local cache = setmetatable({}, { __mode = "k" })
  return function(n, ...)
    local r = cache[n]
    if r == nil then
      r = f(n, ...)
      cache[n] = r
    end
    return r
  end
end

local fib
fib = M.memoize(function(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end)

function M.sum(...)
  local s = 0
  local args = { ... }
  for i = 1, select('#', ...) do s = s + (args[i] or 0) end
  return s, #args
end

function M.counter(start, step)
  local n = start or 0
  return {
    inc = function() n = n + (step or 1); return n end,
    get = function() return n end,
    reset = function() n = start or 0 end,
  }
end

function M.range(n, m, step)
  return coroutine.wrap(function()
    for i = n, m, step or 1 do coroutine.yield(i) end
  end)
end

function M.primes(limit)
  local sieve, out = {}, {}
  for i = 2, limit do
    if not sieve[i] then
      out[#out + 1] = i
      for j = i * i, limit, i do sieve[j] = true end
    end
  end
  return out
end

local t = { 5, 3, 8, 1, 9, 2, 7 }
M.quicksort(t)
print(table.concat(t, " "), M.bsearch(t, 7), fib(50), M.sum(1, 2, nil, 4))
local c = M.counter(10, 5)
c.inc(); c.inc()
print(c.get())
for i in M.range(1, 10, 3) do io.write(i, " ") end
print(#M.primes(100))
repeat
  local done = c.inc() > 40
until done
local i = 0
while true do
  i = i + 1
  if i > 3 then break end
end
do
  local a, b, c2 = 1
  a, b = b, a
end
local x = (function(...) return select('#', ...) end)(1, 2, 3)
print(x, #"abc", #{1, 2, 3}, ("x"):rep(3), ({ 1, 2 })[2], (("s")))
return M
