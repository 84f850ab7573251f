-- Loop shapes across the translation's regions (each innermost loop is a
-- JS function of its own): sequential, nested, breaks out of inner loops,
-- while/repeat, and/or conditions at loop ends, calls and yields inside.
local s = 0
for i = 1, 100 do s = s + i end
for i = 100, 1, -1 do s = s - i * 2 end
local i = 0
while i < 100 do i = i + 1 if i % 7 == 0 then s = s + i end end
repeat i = i - 3 s = s + 1 until i < 0 or s > 1e9
print(s, i)
local m = {}
for a = 1, 60 do
  m[a] = {}
  for b = 1, 60 do
    if b > a then break end
    m[a][b] = a * b
  end
  local c = 0
  while true do c = c + 1 if c > a % 5 then break end end
  s = s + c
end
print(s, #m[60], #m[1], m[30][30])
local function f(x) return x + 1 end
local t = 0
for r = 1, 50 do
  for k = 1, 50 do t = f(t) end
  if r % 2 == 0 then for k = 1, 3 do t = t - 1 end else t = t + (r > 25 and 1 or 0) end
end
print(t)
local co = coroutine.wrap(function()
  for r = 1, 3 do
    for k = 1, 60 do if k % 20 == 0 then coroutine.yield(r * 100 + k) end end
    local n = 0
    repeat n = n + 1 until n >= 50
  end
  return "end"
end)
local ys = {}
for _ = 1, 10 do ys[#ys + 1] = tostring(co()) end
print(unpack(ys))
local function search(grid, want)
  for y = 1, #grid do
    for x = 1, #grid[y] do
      if grid[y][x] == want then return y, x end
    end
  end
  return nil
end
for _ = 1, 60 do search(m, 1) end
print(search(m, 3600), search(m, 12), search(m, -1))
local function nested(n)
  local c = 0
  for a = 1, n do for b = 1, n do for d = 1, n do c = c + (a + b + d) % 3 end end end
  return c
end
print(nested(2), nested(20), nested(1), nested(0))
goto_like = 0
for k = 1, 100 do
  local ok = k % 3 == 0 and k % 5 ~= 0 or k == 100
  if not ok then goto_like = goto_like + 1 end
end
print(goto_like)
