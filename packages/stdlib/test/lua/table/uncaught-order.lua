local t = {5, 4, 3, 2, 1, 0, 9, 8}
table.sort(t, function(a, b) return true end)
