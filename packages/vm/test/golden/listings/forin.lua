for k, v in pairs(t) do print(k, v) end
for i, v in ipairs(t) do
  if v then break end
end
for k in next, t do end
for a, b, c, d in f() do print(a, b, c, d) end
local function iter() end
for x in iter do end
