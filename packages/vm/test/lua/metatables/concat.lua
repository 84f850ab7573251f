local mt = { __concat = function(a, b)
  local x = type(a) == "table" and "T" or a
  local y = type(b) == "table" and "T" or b
  return x .. y
end }
local v = setmetatable({}, mt)
print(v .. "a", "a" .. v, 1 .. v, v .. v)
print("a" .. "b" .. v .. "c")
