-- Constants and values as translated code sees them.
local keys = { "\0", "\255", "\"", "\\", "\n", "a\0b", "\226\128\168", "'", "</script>" }
local t = {}
for r = 1, 60 do
  t["\0"] = (t["\0"] or 0) + 1
  t["\255"] = (t["\255"] or 0) + 2
  t["\""] = r
  t["\\"] = r * 2
  t["\n"] = -r
  t["a\0b"] = r % 7
  t["\226\128\168"] = "u2028"
end
for i, k in ipairs(keys) do print(i, #k, t[k]) end
local z = 0
for i = 1, 100 do
  local a = -0
  local b = 0 / 0
  local c = 1 / 0
  local d = 1e308 * 10
  local e = 2^53 + 1
  z = z + 1
  if i == 100 then print(1 / a, b ~= b, c, -c, d, e, -0 == 0, 0.1 + 0.2, 1e-310, 123456789012345678) end
end
local nan = 0 / 0
local n1, n2 = 0, 0
for i = 1, 100 do
  if nan == nan then n1 = n1 + 1 end
  if not (nan < 1) and not (nan >= 1) then n2 = n2 + 1 end
end
print(n1, n2, -nan ~= -nan, nan + 1 ~= nan + 1)
local s = 0
for i = 10, 1, -0.5 do s = s + i end
for i = 1, 3, 0.1 do s = s + i end
for i = "1", "100" do s = s + i end
print(s)
local bools = 0
for i = 1, 100 do
  local x = i % 2 == 0
  local y = not x and i or nil
  if x then bools = bools + 1 elseif y then bools = bools + 2 end
  bools = bools + (x and 1 or 0) + (y and 3 or 4)
end
print(bools)
local function va(...) local a, b = ... return select('#', ...), a, b, ... end
local r = 0
for i = 1, 100 do r = r + select('#', va(i, nil, i)) end
print(r, va(1, 2, 3))
local packed = {}
for i = 1, 100 do packed = { i, i + 1, va(i, i), x = i, [i + 100] = i } end
print(#packed, packed.x, packed[200], unpack(packed))
