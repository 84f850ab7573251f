-- math.random follows Valkey's generator, not lua5.1's libc rand(): only
-- arguments checks and ranges are compared here.
math.randomseed(42)
local r = math.random()
print(r >= 0 and r < 1)
local ok = true
for i = 1, 1000 do
  local a = math.random(10)
  local b = math.random(-3, 3)
  local c = math.random(5, 5)
  if a < 1 or a > 10 or a % 1 ~= 0 or b < -3 or b > 3 or c ~= 5 then ok = false end
end
print(ok)
print(pcall(math.random, 0))
print(pcall(math.random, -5))
print(pcall(math.random, 5, 1))
print(pcall(math.random, 1, 2, 3))
print(pcall(math.random, "x"))
print(pcall(math.random, 1, "y"))
print(pcall(math.randomseed))
print(pcall(math.randomseed, "x"))
print(pcall(math.randomseed, 1, 2))
print(math.random(1.9) == 1, math.random(3, 3.9))
