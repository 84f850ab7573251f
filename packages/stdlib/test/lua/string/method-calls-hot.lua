-- s:method() from translated code: the string metatable's __index read directly;
-- a removed method, and an __index function on the string table, as lua5.1.
local s = "hello world"
local n = 0
for i = 1, 300 do n = n + s:len() + #s:sub(2, 3) end
print(n)
string.len = nil
print(pcall(function() for i = 1, 100 do local _ = s:len() end end))
setmetatable(string, { __index = function(_, k) return function() return k end end })
for i = 1, 100 do n = s:whatever() end
print(n)
