-- Control flow in every form, scoping and upvalues.
local log = {}
local function emit(...) log[#log + 1] = table.concat({ ... }, "\t") end

for i = 10, 1, -2 do
  if i % 4 == 0 then emit("four", i)
  elseif i % 3 == 0 then emit("three", i)
  elseif i == 1 then
  else emit("other", i) end
end

for k, v in next, { a = 1, b = 2 } do emit(k, v) end
for _, v in ipairs { "x", "y" } do emit(v) end

local fns = {}
for i = 1, 3 do
  local j = i * 2
  fns[i] = function() return i + j end
end

local n = 0
repeat
  local m = n
  n = n + 1
  fns[#fns + 1] = function() return m end
until m >= 2

while n > 0 do
  n = n - 1
  if n == 1 then break end
end

do
  local x = 1
  do local x = x + 1; emit("inner", x) end
  emit("outer", x)
end

local t = {
  1, 2, 3;
  "four",
  [5] = 5,
  six = 6,
  ["seven"] = 7,
  [1 + 7] = function(self) return self end,
  { nested = { deeper = { "deepest" } } },
}

local a, b, c = (function() return 1, 2, 3 end)()
local d = ((function() return 1, 2, 3 end)())
t.x, t.y, t[1] = a, b
t.nested = t[9] and t[9].nested.deeper[1]
local obj = { name = "o", greet = function(self, g) return g .. ", " .. self.name end }
emit(obj:greet "hi", obj.greet(obj, 'yo'), obj:greet [[long]], type {})
local s = "x" .. -1 .. - -2 .. not nil and #"abc"
emit(tostring(s), a, b, c, d, #t, select("#", nil, nil))
local f = function(...)
  local arg1, arg2 = ...
  return ... , arg1, arg2
end
emit(f(1, 2))
print(table.concat(log, "\n"))
return
