local print = print
local function f() local pairs = nil; return pairs({}) end
print(pcall(f))
local function g() return ipairs2({}) end
print(pcall(g))
