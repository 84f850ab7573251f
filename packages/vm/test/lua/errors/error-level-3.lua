local function a() error("three", 3) end
local function b() a() end
local function c() b() end
c()
