-- Iteration: pairs over hash and array tables, ipairs, next.
local arr, hash = {}, {}
for i = 1, 50000 do arr[i] = i % 13 end
for i = 1, 5000 do hash["k" .. i] = i % 17 end
local s = 0
for round = 1, 40 do
  for i, v in ipairs(arr) do s = s + v end
  for k, v in pairs(hash) do s = s + v end
  for k, v in pairs(arr) do s = s + k % 3 end
end
local k, v = next(hash)
local n = 0
while k do n = n + 1; k, v = next(hash, k) end
print("checksum", s, n)
