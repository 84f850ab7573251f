local function f(...)
  local a, b, c = ...
  return c, b, a
end
print(f(1, 2))
print(f(1, 2, 3, 4))
