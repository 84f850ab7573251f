local function f(...)
  local t = {...}
  return select("#", ...), #t, t[1], t[3]
end
print(f(1, 2, 3))
print(f())
print(f(nil, nil, nil))
