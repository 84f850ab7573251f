local t = { 1 }
local ok = pcall(function() t[2] = 2; error("stop"); t[3] = 3 end)
print(ok, t[1], t[2], t[3])
