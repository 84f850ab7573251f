local function f(n) if n > 0 then return f(n - 1) + 1 end return 0 end
print(f(5))
local g = function(n) return n end
print(g(1))
