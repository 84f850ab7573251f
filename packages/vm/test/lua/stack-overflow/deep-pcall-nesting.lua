local function nest(n) if n == 0 then return "bottom" end return select(2, pcall(nest, n - 1)) end
print(nest(150))
