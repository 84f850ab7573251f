-- String building with .. (short strings and a growing buffer).
local n = 0
for i = 1, 300000 do
  local s = "item" .. i .. ":" .. (i * 2)
  n = n + #s
end
local buf = ""
for i = 1, 20000 do buf = buf .. "x" end
local parts = {}
for i = 1, 100000 do parts[#parts + 1] = "p" .. i end
local m = 0
for i = 1, #parts do m = m + #parts[i] end
print("checksum", n, #buf, m)
