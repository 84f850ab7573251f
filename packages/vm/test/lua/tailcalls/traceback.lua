local function c() error("deep") end
local function b() return c() end
local function a() return b() end
a()
