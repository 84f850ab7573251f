-- a comparator error escapes table.sort: traceback through the C function
local t = {3, 1, 2}
table.sort(t, function(a, b)
  return a.x < b.x
end)
