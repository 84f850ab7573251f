-- next and ipairs' iterator called by a generic for at the call-depth limit:
-- the call of the iterator is the one that overflows (lua5.1 names the
-- line of the 'for'), also when the loop runs translated and inline.
local t = {a = 1}
local depth = 0
local function f(n)
  depth = n
  for k in next, t do end
  f(n + 1)
end
for i = 1, 3 do
  local ok, e = pcall(f, 1)
  print(ok, e, depth)
end
local it = ipairs(t)
local function g(n)
  depth = n
  for i, v in it, {1}, 0 do end
  g(n + 1)
end
for i = 1, 3 do
  local ok, e = pcall(g, 1)
  print(ok, e, depth)
end
