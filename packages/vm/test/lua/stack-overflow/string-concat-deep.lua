local function build(n) if n == 0 then return "" end return "x" .. build(n - 1) end
print(#build(5000))
