-- Allocation-heavy: a million small tables, most short-lived, some kept.
local keep = {}
local s = 0
for i = 1, 1000000 do
  local t = { i, i + 1, x = i, y = 2 }
  s = (s + t[1] + t[2] + t.x * t.y) % 1000000007
  if i % 100 == 0 then keep[#keep + 1] = t end
end
print("checksum", s, #keep)
