-- Host calls from translated code and host-to-Lua calls (callHost, call()):
-- results adjusted to 0, 1 and many, bad arguments named by the call site,
-- host iterators of generic for loops, Lua callbacks with fixed and
-- variable arity, and the C-call limits on those paths.
local function show(...)
  local out = ""
  for i = 1, select("#", ...) do out = out .. " " .. tostring((select(i, ...))) end
  print(select("#", ...), out)
end

-- results of a host function: none, one of several, several, all
local acc = 0
for i = 1, 80 do
  select(2, "a", "b", "c")                      -- none wanted
  local one = select(2, 10, 20, 30)             -- one of two
  local x, y, z, w = select(3, 1, 2, 3, 4)      -- four of two
  local t = { select(1, 5, 6, 7) }              -- all
  local none = select("#", select(4, 1, 2, 3))  -- none given
  acc = acc + one + x + y + (z or 100) + (w or 1000) + #t + none
end
print(acc)
show(select(2, "a", "b", "c"))
show(select(4, 1, 2, 3))
show((select(1, 7, 8)))

-- bad arguments from translated loops: call-site names
local rg = rawget
local function loop(f)
  for i = 1, 50 do f() end
end
print(pcall(loop, function() rg() end))
print(pcall(loop, function() rawget({}) end))
print(pcall(loop, function() local t = { f = rawequal }; t.f(1) end))
print(pcall(loop, function() return select(0, 1) end))
print(pcall(loop, function() return setmetatable(1, {}) end))
print(pcall(loop, function() local o = { m = rawset }; o:m() end))

-- a host function as the iterator of a generic for (coroutine.wrap's)
local gen = coroutine.wrap(function()
  for i = 1, 120 do coroutine.yield(i, i * 2) end
end)
local sum = 0
for a, b in gen do sum = sum + a + b end
print(sum)
-- a yield from a host iterator crosses the for loop's C call
local co = coroutine.create(function()
  for i = 1, 60 do local _ = select(1, i) end
  for v in coroutine.yield, nil, nil do print("unreachable", v) end
end)
print(coroutine.resume(co))

-- Lua called from host code: metamethods with fixed and variable arity,
-- __call, pcall of both kinds, errors inside them
local mt = {
  __index = function(t, k) return k .. "!" end,
  __add = function(...) return select("#", ...) end,
  __call = function(self, a, b) return a, b, self.tag end,
  __concat = function(a, b, c) return c end,
}
local obj = setmetatable({ tag = "obj" }, mt)
local s = ""
for i = 1, 60 do
  s = obj.x .. (obj + i) .. tostring(obj .. i)
  local p, q, r = obj(i, i + 1)
  acc = acc + p + q + #r
end
print(s, acc)
for i = 1, 45 do
  local ok1, v1 = pcall(function(a) return a * 2 end, i)
  local ok2, v2 = pcall(function(...) return select("#", ...) end, i, nil, nil)
  local ok3, e3 = pcall(function(a) return a.b end)
  if i == 45 then print(ok1, v1, ok2, v2, ok3, e3) end
end

-- host -> Lua -> host ... nesting: the C-call limit through metamethods
local deep = setmetatable({}, {})
getmetatable(deep).__index = function(t, k) return deep[k] end
print(pcall(function() return deep.x end))
local depth = 0
local rec = setmetatable({}, { __call = function(self, n)
  depth = depth + 1
  if n > 0 then return pcall(self, n - 1) end
  return "bottom"
end })
print(rec(250), depth)
