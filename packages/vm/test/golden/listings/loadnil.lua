local a, b
local c
local d = nil
x = 1
local e, f
local g = nil, nil
local function h(p)
  local q
  local r, s = nil
  return q, r, s
end
