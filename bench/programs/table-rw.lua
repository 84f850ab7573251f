-- Array and hash reads/writes.
local arr = {}
for i = 1, 100000 do arr[i] = i end
local h = {}
local keys = {}
for i = 1, 1000 do keys[i] = "k" .. i end
local s = 0
for round = 1, 40 do
  for i = 1, 100000 do arr[i] = arr[i] + round end
  for i = 1, 1000 do
    local k = keys[i]
    h[k] = (h[k] or 0) + i
    s = s + h[k] % 13
  end
end
for i = 1, 100000, 97 do s = s + arr[i] % 1000 end
print("checksum", s, #arr)
