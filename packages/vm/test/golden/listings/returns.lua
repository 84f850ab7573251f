local function a() return end
local function b() return 1 end
local function c() return 1, 2, 3 end
local function d() return f() end
local function e() return f(), 1 end
local function g() return 1, f() end
local function h(...) return ... end
local function i(...) return (...) end
local function j() return (f()) end
local function k(x) return x end
local function l(x, y) return y, x end
local function m() return obj:method() end
local function n() return {}, nil end
