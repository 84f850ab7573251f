local a, b
function a(n) return 1 + b(n) end
function b(n) return 1 + a(n) end
print(pcall(a, 1))
