local function lvl() error("where", 2) end
local function mid() return lvl() end
print(pcall(mid))
local function direct() lvl() end
print(pcall(direct))
