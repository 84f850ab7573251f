-- table.sort (default and with a comparator), insert, remove, concat.
local seed = 12345
local function rand(n) seed = (seed * 75 + 74) % 65537; return seed % n end
local s = 0
for round = 1, 10 do
  local t = {}
  for i = 1, 20000 do t[i] = rand(100000) end
  table.sort(t)
  s = s + t[1] + t[#t] + t[10000]
  table.sort(t, function(a, b) return a > b end)
  s = s + t[1] + t[5000]
  local q = {}
  for i = 1, 20000 do table.insert(q, i) end
  for i = 1, 200 do table.insert(q, 1, i) end
  for i = 1, 10000 do s = s + table.remove(q) end
  for i = 1, 100 do s = s + table.remove(q, 1) end
  local parts = {}
  for i = 1, 5000 do parts[i] = i % 10 end
  s = s + #table.concat(parts, ",")
end
print("checksum", string.format("%d", s))
