-- string.dump writes lua5.1's binary chunk format byte for byte
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
local function f(a, b, ...)
  local x, y = a + 1, "str\0ing"
  local t = {1, 2.5, true, false, nil, x = y}
  if a == nil then return -0.0 * 1, 1e300 end
  return function(z) return x + z + #arg, t end
end
print(hex(string.dump(f)))
print(hex(string.dump(function() end)))
local up = 1
print(hex(string.dump(function() up = up + 1 return up end)))
print(#string.dump(f), string.dump(f):sub(1, 5) == "\27LuaQ")
print(pcall(string.dump, print))
print(pcall(string.dump, string.dump))
print(pcall(string.dump))
print(pcall(string.dump, {}))
