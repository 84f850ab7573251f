local function lvl(n) error("at level " .. n, n) end
local function a(n) lvl(n) end
local function b(n) a(n) end
for n = 1, 5 do print(pcall(b, n)) end
