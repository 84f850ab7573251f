local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
local function fact(n, acc)
  if n <= 1 then return acc end
  return fact(n - 1, n * acc)
end
print(fib(20), fact(10, 1))
