-- String handling: escapes, long strings, patterns, formatting.
local s1 = 'single \'quoted\' with \"escapes\" \\ and \a\b\f\n\r\t\v'
local s2 = "decimal \65\066\0677 \0 nul and \255 high \q unknown"
local s3 = "line one\
line two"
local s4 = [[
first newline skipped]]
local s5 = [==[
contains ]] and ]=] and [[ fine ]==]
local s6 = [=[]=]
local function trim(s) return (s:gsub("^%s*(.-)%s*$", "%1")) end
local function split(s, sep)
  local out = {}
  for piece in (s .. sep):gmatch("(.-)" .. sep:gsub("%p", "%%%0")) do
    out[#out + 1] = piece
  end
  return out
end
local function titlecase(s)
  return (s:gsub("(%a)([%w_']*)", function(first, rest) return first:upper() .. rest:lower() end))
end
local words = split("alpha,beta,,gamma", ",")
print(#words, trim("   padded   "), titlecase("hello wORLD"))
print(string.format("%5.2f|%-5d|%5s|%q|%x|%X|%o|%e|%g|%c", 3.14159, 42, "ab", "q\n", 255, 255, 8, 1e10, 0.1, 65))
print(("%d items"):format(3), s1:len(), #s2, s3, s4, s5, s6 == "")
print(string.byte("ABC", 1, -1), string.char(72, 105), ("abc"):rep(2, nil))
print(("hello world"):find("o w"), ("hello"):match("(h)(e)"), ("key=val"):match("^(%w+)=(%w+)$"))
local n = tonumber("0x1F") + tonumber("  12  ") + tonumber("1e2") + 0xff + 1e-3 + .5 + 3. + 1E+2
print(n, 0x10, 2^53, 1/0, -1/0, 10 / 1 == nil)
