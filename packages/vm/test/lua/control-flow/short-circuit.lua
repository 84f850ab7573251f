local calls = 0
local function f(v) calls = calls + 1; return v end
local r = f(false) and f(true)
print(r, calls)
r = f(true) or f(false)
print(r, calls)
r = f(nil) or f(false) or f(3)
print(r, calls)
