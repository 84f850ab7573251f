local real = tostring
tostring = function(v) return "<" .. real(v) .. ">" end
print(1, "a", nil)
tostring = nil
print(pcall(print, 1))
