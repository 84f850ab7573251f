-- every byte through the byte-level functions
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
all = table.concat(all)
print(#all, #string.format("%q", all), string.format("%q", all) == string.format("%q", all))
io.write(string.format("%q", all), "\n")
io.write(all:upper(), "\n", all:lower(), "\n", all:reverse(), "\n")
print(all:byte(1, 10))
print(all:byte(-10, -1))
print(all:find("\0"), all:find("%z"), all:find("[\128-\255]"), all:find("%a+"), all:find("%p+"), all:find("%s+"), all:find("%c+", 2))
for _, cls in ipairs{"%a", "%c", "%d", "%l", "%p", "%s", "%u", "%w", "%x", "%z", "%A", "%C", "%D", "%L", "%P", "%S", "%U", "%W", "%X", "%Z", "."} do
  local n = select(2, all:gsub(cls, ""))
  io.write(cls, "=", n, " ")
end
print()
print(select(2, all:gsub("[%w%p]", "")), select(2, all:gsub("[^%w%p]", "")), select(2, all:gsub("[\1-\31]", "")), select(2, all:gsub("[%]%-]", "")))
print(pcall(string.gsub, all, "[\0-\31]", ""))
print(string.format("%s", all) == all, #string.format("%.99s", all), pcall(string.format, "%.300s", "x"))
