local t = {
  a = 1,
  b = {
    c = 2,
  },
  3,
}
local x = f(
  1,
  2
)
local y = 1 +
  2 *
  x
print(
  "a",
  t.a
)
local s = "a" ..
  "b" ..
  x
if x
  and y
then
  return x
end
