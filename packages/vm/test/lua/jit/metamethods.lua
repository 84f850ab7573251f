-- Metamethods reached from translated code, after warm-up.
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({ v = a.v + b.v }, V) end
V.__eq = function(a, b) return a.v == b.v end
V.__lt = function(a, b) return a.v < b.v end
V.__le = function(a, b) return a.v <= b.v end
local function val(x) if type(x) == "table" then return x.v end return x end
V.__concat = function(a, b) return tostring(val(a)) .. "|" .. tostring(val(b)) end
V.__call = function(self, x) return self.v + x end
V.__unm = function(a) return setmetatable({ v = -a.v }, V) end
function V.new(v) return setmetatable({ v = v }, V) end
function V:get() return self.v end
local acc = V.new(0)
local eq, lt, le, cat, calls = 0, 0, 0, "", 0
for i = 1, 200 do
  local x = V.new(i)
  acc = acc + x
  if x == V.new(100) then eq = eq + 1 end
  if x < V.new(50) then lt = lt + 1 end
  if x <= V.new(50) then le = le + 1 end
  if i % 50 == 0 then cat = cat .. (x .. "e") end
  calls = calls + x(1) + (-x):get()
end
print(acc.v, eq, lt, le, cat, calls)
-- __index chains, functions, loops
local base = { deep = "found" }
local t = base
for i = 1, 99 do t = setmetatable({}, { __index = t }) end
local hits = 0
for i = 1, 100 do if t.deep == "found" then hits = hits + 1 end end
print(hits)
local t2 = setmetatable({}, { __index = t })
print(pcall(function() for i = 1, 100 do local _ = t2.deep end end))
local proxy = setmetatable({}, { __index = function(_, k) return k .. "!" end,
  __newindex = function(tt, k, v) rawset(tt, k, v and v * 2) end })
local s = ""
for i = 1, 60 do
  proxy["k" .. (i % 3)] = nil
  if i % 20 == 0 then s = s .. proxy.x end
  proxy[i] = i
end
print(s, proxy[10], proxy[60], rawget(proxy, "x"))
local mt = { __len = function() return 42 end }
local ud = newproxy(true)
getmetatable(ud).__len = function() return 7 end
getmetatable(ud).__index = function(_, k) return k end
local l = 0
for i = 1, 100 do l = l + #ud + #"abc" + #{ 1, 2 } end
print(l, ud.key, #setmetatable({}, mt))
for i = 1, 100 do
  local ok, e = pcall(function() return V.new(1) < 3 end)
  if i == 100 then print(ok, e) end
end
