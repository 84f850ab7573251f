-- pairs/ipairs/next in translated loops: inline iteration must equal the calls.
local t = {}
for i = 1, 100 do t[i] = i * 2 end
for i = 1, 50 do t["k" .. i] = i end
local s, n = 0, 0
for r = 1, 3 do
  for i, v in ipairs(t) do s = s + i + v end
  for k, v in pairs(t) do n = n + 1 end
  for k in pairs(t) do n = n + 1 end
  for k, v, extra in next, t do if extra ~= nil then n = -1 end n = n + 1 end
end
print(s, n)
-- holes, modification of existing fields during traversal, nil values
local h = { 1, 2, nil, 4 }
for r = 1, 50 do for i, v in ipairs(h) do s = s + v end end
for k, v in pairs(t) do t[k] = nil end
print(s, next(t))
-- an invalid key: the error comes from next itself (no position)
local u = {}
for i = 1, 60 do u[i] = i end
print(pcall(function() for k, v in next, u, "nope" do end end))
print(pcall(function() for k, v in next, u, 1000 do end end))
-- iterators that are not tables' next
print(pcall(function() for k, v in ipairs(nil) do end end))
print(pcall(function() for i = 1, 100 do for k in next, nil do end end end))
local co = coroutine.wrap(function() for i = 1, 100 do coroutine.yield(i) end end)
local c = 0
for v in co do c = c + v if v == 100 then break end end
print(c)
print(pcall(coroutine.wrap(function() for k in coroutine.yield do end end)))
-- ipairs with a float control value, called by hand
local iter = ipairs({ 10, 20, 30 })
local acc = {}
for i, v in iter, { 10, 20, 30 }, 0.5 do acc[#acc + 1] = i .. "=" .. v end
print(#acc, acc[1], acc[2])
-- a __index on the table does not affect ipairs (raw) in 5.1
local p = setmetatable({ 1, 2 }, { __index = function(_, k) if k < 5 then return k * 100 end end })
local pc = 0
for r = 1, 50 do for i, v in ipairs(p) do pc = pc + v end end
print(pc)
