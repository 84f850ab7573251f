-- yields across C functions and nested C calls
local co = coroutine.create(function()
  table.sort({3, 2, 1}, function(a, b) coroutine.yield("in sort") return a < b end)
end)
print(coroutine.resume(co))
co = coroutine.create(function()
  return string.gsub("abc", "%w", function(c) coroutine.yield(c) end)
end)
print(coroutine.resume(co))
co = coroutine.wrap(function()
  for w in string.gmatch("a b", "%a") do coroutine.yield(w) end
  return "done"
end)
print(co(), co(), co())
local depth = 0
local function f(s)
  depth = depth + 1
  return (string.gsub(s, ".", f))
end
local ok, err = pcall(f, "x")
print(ok, err, depth > 100)
depth = 0
local function g(a, b)
  depth = depth + 1
  local t = {2, 1}
  table.sort(t, g)
  return a < b
end
ok, err = pcall(table.sort, {2, 1}, g)
print(ok, err, depth > 100)
local mt = {}
mt.__index = function(t, k) return string.rep(k, 2) end
print(string.gsub("ab", "%w", setmetatable({}, mt)))
mt.__lt = function(a, b) return a.v < b.v end
local objs = {setmetatable({v = 2}, mt), setmetatable({v = 1}, mt)}
table.sort(objs)
print(objs[1].v, objs[2].v)
print(pcall(table.sort, {setmetatable({}, {}), setmetatable({}, {})}))
