local depth = 0
local function nest()
  depth = depth + 1
  local co = coroutine.wrap(nest)
  return co()
end
print(pcall(nest))
print(depth)
