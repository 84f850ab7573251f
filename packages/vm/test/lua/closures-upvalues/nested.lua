local function outer()
  local a = 1
  local function middle()
    local b = 2
    local function inner()
      a = a + 1; b = b + 1
      return a + b
    end
    return inner
  end
  return middle(), function() return a end
end
local inner, geta = outer()
print(inner(), inner(), geta())
