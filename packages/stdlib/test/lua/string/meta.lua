-- the string metatable and method calls
local s = "abc"
print(s:upper(), s:len(), ("%d"):format(5), ("x"):rep(3), s:byte(-1), s:sub(2), #s)
print(getmetatable("").__index == string, getmetatable("x") == getmetatable("y"))
print(("hello"):find("l"), ("a,b"):gsub(",", ";"))
local ok, err = pcall(function() return ("x"):rep() end)
print(ok, err)
ok, err = pcall(function() return s:bad() end)
print(ok, err)
ok, err = pcall(function() local r = string.rep; return r() end)
print(ok, err)
ok, err = pcall(function() return string.rep() end)
print(ok, err)
ok, err = pcall(function() return ("x"):sub({}) end)
print(ok, err)
ok, err = pcall(function() return s.upper() end)
print(ok, err)
ok, err = pcall(function() local t = {f = string.format} return t.f("%d", "z") end)
print(ok, err)
print(string.format("%5.1f", 3.14159), (tostring(string.len):match("^function: ")), type(string))
local keys = {}
for k in pairs(string) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
