-- Upvalues, fresh locals per iteration, closing, setfenv on running code.
local fs = {}
for i = 1, 100 do
  local j = i * 2
  fs[i] = function(d) j = j + d; return i, j end
end
local s = 0
for i = 1, 100 do local a, b = fs[i](1) s = s + a + b end
print(s, fs[1](0), fs[100](0))
local counters = {}
for i = 1, 60 do
  local c = 0
  counters[i] = { inc = function() c = c + 1 return c end, get = function() return c end }
end
for r = 1, 3 do for i = 1, 60 do counters[i].inc() end end
print(counters[1].get(), counters[60].get())
local function envtest()
  local out = {}
  for i = 1, 100 do
    out[#out + 1] = tostring(x_global)
    if i == 50 then setfenv(1, { x_global = "new env", tostring = tostring }) end
  end
  return out[1], out[50], out[51], out[100]
end
x_global = "old env"
print(envtest())
local sw = 0
local function whileloop(n) local i = 0 while i < n do i = i + 1 if i % 3 == 0 then sw = sw + 1 end end repeat i = i - 2 until i <= 0 return i end
for i = 1, 100 do whileloop(i) end
print(sw, whileloop(101))
local t = setmetatable({}, { __mode = "k" })
for i = 1, 100 do t[i] = function() return i end end
print(t[100](), #t)
