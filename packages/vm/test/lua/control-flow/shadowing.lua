local x = "outer"
local function f()
  local x = "inner"
  return x
end
print(f(), x)
local x = "redeclared"
print(x)
