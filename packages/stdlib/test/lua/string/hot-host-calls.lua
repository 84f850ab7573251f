-- Library calls from hot (translated) code: the host-call path of the
-- second tier (results adjusted to 0, 1 and many, bad-argument errors named
-- by the call site) and the string functions' inline paths for their common
-- argument kinds next to the kinds that take the checks.
local function show(...)
  local t = {}
  for i = 1, select("#", ...) do t[#t + 1] = string.format("%q", tostring((select(i, ...)))) end
  print(table.concat(t, " "))
end

-- results: none, one, several, all (multret), fewer than wanted
local s = "abcdef"
local acc = 0
for i = 1, 60 do
  s:byte(1, 3)                              -- 0 wanted
  local a = s:byte(2, 4)                    -- 1 of 3
  local b, c, d, e = s:byte(5, 6)           -- 4 wanted, 2 given
  local t = { s:byte(1, -1) }               -- all
  local n = select("#", s:byte(4, 2))       -- none given
  acc = acc + a + b + c + (d or 0) + (e and 1 or 0) + #t + n
end
print(acc)
show(s:byte(1, 3))
show(s:byte(4, 2))
show((s:byte(-1)))
show(string.byte(s, 2, 2), string.byte(s, 7), string.byte(s, 0), string.byte(s, -10, 2))

-- bad arguments from translated code: names of the call site
local rep = string.rep
local function loop(f, ...)
  for i = 1, 50 do f(...) end
end
show(pcall(loop, function() rep() end))
show(pcall(loop, function() rep("x") end))
show(pcall(loop, function() return ("x"):rep() end))
show(pcall(loop, function() return ("x"):sub() end))
show(pcall(loop, function() return s:byte({}) end))
show(pcall(loop, function() return string.sub(s, 1, {}) end))
show(pcall(loop, function() return string.upper() end))
show(pcall(loop, function() local up = string.upper; return up(nil) end))
show(pcall(loop, function() return string.format("%d", "x") end))
show(pcall(loop, function() return string.format("%5s|%d", "a") end))
local r1, r2, r3, r4, r5
for i = 1, 50 do r1, r2, r3, r4, r5 = s:rep(2, 3), s:rep(2.9), s:rep(-1), s:rep(0), s:rep(1) end
show(r1, r2, r3, r4, r5)

-- sub and byte at the int boundaries (outside C-int range: the checks' path)
for _, i in ipairs({0, 1, -1, 6, 7, -6, -7, 2^31 - 1, -2^31, 2^31, -2^31 - 1, 2.5, -2.5, 1e300, -1e300, 0/0, "2"}) do
  local out = {}
  for k = 1, 45 do
    out[1] = s:sub(i)
    out[2] = s:sub(2, i)
    out[3] = s:sub(i, i)
    out[4] = tostring((s:byte(i)))
    out[5] = tostring((s:byte(1, i)))
    out[6] = select("#", s:byte(i, 3))
  end
  show(i, out[1], out[2], out[3], out[4], out[5], out[6])
end

-- %s and %d items: plain (no flag but '-', no precision) and the others
local long99, long100 = string.rep("x", 99), string.rep("y", 100)
local strs = {"", "a", "a\0b", "\0", long99, long99 .. "\0", long100, long100 .. "\0z", 12, -0, 2.5}
local nums = {0, -0, 1, -1, 2.5, -2.5, 0.5, -0.5, 2^31, 2^53 - 1, -(2^53 - 1), 2^53, -2^53, 1e16, 1e300, -1e300, 1/0, -1/0, 0/0, "12", " 0x10 "}
for _, v in ipairs(strs) do
  local r
  for k = 1, 45 do r = string.format("[%s][%5s][%-5s][%05s][%.2s][%-3s]", v, v, v, v, v, v) end
  show(r)
end
for _, v in ipairs(nums) do
  local r
  for k = 1, 45 do r = string.format("[%d][%5d][%-5d][%i][%05d][%+d][% d][%.3d][%-1d][%25d]", v, v, v, v, v, v, v, v, v, v) end
  show(r)
end

-- upper, lower and rep on the common kinds and the others
for _, v in ipairs({"abcXYZ", "\255\223\181ab", "", 12.5, -0, "a\0b"}) do
  local u, l, r
  for k = 1, 45 do u, l, r = string.upper(v), string.lower(v), string.rep(v, 3) end
  show(u, l, r)
end
for _, n in ipairs({0, 1, 2, -1, 2.9, 2^31 + 2, 2^32 + 3, "3", 0/0}) do
  local r
  for k = 1, 45 do r = ("ab"):rep(n) end
  show(n, r)
end

-- an error from a host function called by translated code, not caught
local words = {"a", "b", "c"}
for i = 1, 100 do
  local w = words[i % 3 + 1]
  if i == 90 then w = nil end
  acc = acc + #string.format("%s:%5d", w, i)
end
