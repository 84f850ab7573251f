-- next/pairs traversals that interleave tables, clear entries while
-- walking, and pass keys the table does not hold (LuaTable.next keeps a
-- hint of the last node it returned; every answer must stay lua5.1's).
local function keys(t)
  local out = {}
  for k, v in pairs(t) do out[#out + 1] = tostring(k) .. "=" .. tostring(v) end
  return table.concat(out, " ")
end

local a, b = {}, {}
for i = 1, 20 do a["a" .. i] = i; b["b" .. i] = -i end
for i = 1, 5 do a[i] = i * 10; b[i * 2] = i end
a[2.5] = "x"; a[true] = "t"; b[-0] = "zero"
print(keys(a))
print(keys(b))

-- two traversals advancing in lockstep
local ka, kb = next(a), next(b)
local steps = {}
while ka ~= nil or kb ~= nil do
  steps[#steps + 1] = tostring(ka) .. "/" .. tostring(kb)
  if ka ~= nil then ka = next(a, ka) end
  if kb ~= nil then kb = next(b, kb) end
end
print(table.concat(steps, " "))

-- the same key string in both tables, walked alternately
local c, d = {}, {}
for i = 1, 12 do c["k" .. i] = i; d["k" .. (13 - i)] = i * 100 end
local kc, kd = next(c), next(d)
local out = {}
while kc ~= nil do
  out[#out + 1] = kc .. ":" .. tostring(d[kc])
  kd = next(d, kc) -- a key d holds, but not the one d's traversal is at
  out[#out + 1] = tostring(kd)
  kc = next(c, kc)
end
print(table.concat(out, " "))

-- clearing entries while walking (allowed), then walking on
local e = {}
for i = 1, 30 do e["x" .. i] = i end
local n = 0
for k, v in pairs(e) do
  if v % 2 == 0 then e[k] = nil end
  n = n + 1
end
print(n, keys(e))

-- a cleared key is still a valid position: its node keeps the key
local f = {}
for i = 1, 10 do f["y" .. i] = i end
local k1 = next(f)
local k2 = next(f, k1)
f[k2] = nil
print(k1, k2, next(f, k2))

-- -0 and 0 are one key; a number key in the hash part after a float key
local g = {[0] = "z", [1.5] = "f", [100] = "h", s = "s"}
print(next(g, -0) == next(g, 0), select("#", next(g, 100)))

-- keys the table does not hold
print(pcall(next, a, "nope"))
print(pcall(next, {}, 1))
print(pcall(next, a, 0 / 0))
local h = {}
for i = 1, 9 do h["z" .. i] = i end
local hk = next(h)
print(pcall(next, a, hk))
-- a key from another table's last position, at the same node index
local p, q = {}, {}
for i = 1, 9 do p["p" .. i] = i; q["q" .. i] = i end
local pk
for k in pairs(p) do pk = k end
print(pcall(next, q, pk))
for k in pairs(q) do pk = k end
print(pcall(next, q, pk))

-- growing the array part between steps (a rehash moves the nodes)
local r = {}
for i = 1, 6 do r["r" .. i] = i end
local rk = next(r)
r[1], r[2], r[3] = 1, 2, 3
print(pcall(next, r, rk))
