-- Recursive calls: the cost of a Lua-to-Lua call and return.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("checksum", fib(32))
