-- Arguments of the kinds the library reads straight from the stack (a
-- string, numbers) next to the kinds that go through the checks (numeric
-- strings, nil, floats, huge values): both must give lua5.1's answers.
local function show(...)
  local t = {}
  for i = 1, select("#", ...) do t[#t + 1] = string.format("%q", tostring((select(i, ...)))) end
  print(table.concat(t, " "))
end
local function try(f, ...) show(pcall(f, ...)) end

local nums = {0, -0, 1, -1, 2.7, -2.7, 0.5, -0.5, 3, 100, -100, 2^31, 2^31 + 1, 2^32 + 2, -2^31, 2^53, 2^53 + 2, -2^53,
  2^63, -2^63, 2^64, 1e300, -1e300, 1/0, -1/0, 0/0, "2", " 3 ", "0x10", "-1", "1e1", "x", true, {}}
local s = "hello, world"
for _, n in ipairs(nums) do
  try(string.sub, s, n)
  try(string.sub, s, 2, n)
  try(string.sub, s, n, -3)
  try(string.byte, s, n)
  try(string.byte, s, n, n)
  try(string.byte, s, 1, n)
  if type(n) ~= "number" or n < 50 then try(string.rep, "ab", n) end
  try(string.find, s, "o", n)
  try(string.find, s, "o", n, true)
  try(string.find, s, "o,", n)
  try(string.match, s, "(o)", n)
  try(string.format, "%d|%5d|%-5d|%05d|%+d|% d|%.3d|%.0d|%x|%X|%o|%#x|%#o|%u|%c", n, n, n, n, n, n, n, n, n, n, n, n, n, n, n)
  try(string.format, "%s|%5s|%-5s|%.2s", n, n, n, n)
end

-- the string argument as a number, nil or missing
for _, v in ipairs({12.5, -0, 1e15, 2^63, "", "a\0b"}) do
  try(string.sub, v, 2)
  try(string.byte, v)
  try(string.upper, v)
  try(string.lower, v)
  try(string.len, v)
  try(string.rep, v, 2)
  try(string.find, v, "5")
  try(string.find, "x12.5", v, 1, true)
end
try(string.sub)
try(string.sub, "abc")
try(string.sub, "abc", nil)
try(string.sub, "abc", 1, nil)
try(string.byte, "abc", nil, nil)
try(string.byte, "")
try(string.byte, "abc", 0)
try(string.byte, "abc", -1)
try(string.rep, "abc")
try(string.rep, "abc", nil)
try(string.find, "abc")
try(string.find, "abc", "b", nil, nil)
try(string.find, "abc", "b", 1, false)
try(string.find, "abc", "b", 1, 0)
try(string.find, "a.c", ".", 1, {})
try(string.find, "abc", "", 10)
try(string.find, "abc", "", -10)
try(string.find, "a\0b", "\0")
try(string.find, "a\0b%", "\0b%")
try(string.upper, "\255\223\181abc\128xyz")
try(string.lower, "\255\223\181ABC\128XYZ")
try(string.upper, string.rep("ab\255", 30))
try(string.lower, string.rep("AB", 40) .. "\200")

-- %s and %d items with and without flags, and their neighbours
local long = string.rep("x", 99)
for _, v in ipairs({"", "a\0b", long, long .. "y", long .. "\0z", 5, -0, 2.5, 1e100, 0/0}) do
  try(string.format, "[%s]", v)
  try(string.format, "%s%s", v, v)
  try(string.format, "%d", v)
end
try(string.format, "%s")
try(string.format, "%d")
try(string.format, "%d %s", 1)
try(string.format, "%s %d", "a", "b")
try(string.format, "%d", "12")
try(string.format, "%d", " 0x1F ")
try(string.format, "%s", nil)
try(string.format, "%s", {})
try(string.format, "%%d %d %%", 7)
try(string.format, "%")
try(string.format, "100%")
try(string.format, "%-+ #0d", 1)
try(string.format, "%-+ #0-d", 1)
try(string.format, "%123d", 1)
try(string.format, "%.123d", 1)
try(string.format, "%1.2.3d", 1)
try(string.format, "%5.1s|%-3c|", "abc", 65)
try(string.format, "%y", 1)
try(string.format, "a\0%d", 1)

-- formats are split once and cached: the same format again (and its errors
-- in lstrlib's order: a missing argument before a bad spec after it)
for _ = 1, 2 do
  try(string.format, "%d %123d", 1)
  try(string.format, "%d %123d", 1, 2)
  try(string.format, "a%%b%5.1f%%c%q|%s", 2.25, "x\n", 3)
  try(string.format, "a%%b%5.1f%%c%q|%s", 2.25, "x\n")
  try(string.format, "%y%123d")
  try(string.format, "%y%123d", 1)
  try(string.format, "tail only %%")
  try(string.format, "%s%", "x")
  try(string.format, "%5", 1)
end
