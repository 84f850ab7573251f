local function kind(v)
  local s = tostring(v)
  return s
end
local t, f, c = {}, print, coroutine.create(function() end)
print(tostring(t) == tostring(t), tostring(t) ~= tostring({}))
print(tostring(f) == tostring(print), tostring(c) == tostring(c))
print(#tostring(t) > 7, #tostring(c) > 8)
