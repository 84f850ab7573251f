local function range(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i, i * i end end
end
for i, sq in range(4) do print(i, sq) end
local function iter(s, c) if c < s then return c + 1 end end
for v in iter, 3, 0 do print(v) end
