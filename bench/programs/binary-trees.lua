-- Allocation-heavy: the classic binary-trees benchmark (depth 14).
local function bottomUp(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return { bottomUp(depth), bottomUp(depth) }
end
local function check(tree)
  if tree[1] then return 1 + check(tree[1]) + check(tree[2]) end
  return 1
end
local maxDepth = 14
local stretch = bottomUp(maxDepth + 1)
local total = check(stretch)
local longLived = bottomUp(maxDepth)
local depth = 4
while depth <= maxDepth do
  local iters = 1
  for _ = 1, maxDepth - depth + 4 do iters = iters * 2 end
  local c = 0
  for _ = 1, iters do c = c + check(bottomUp(depth)) end
  total = total + c
  depth = depth + 2
end
print("checksum", total, check(longLived))
