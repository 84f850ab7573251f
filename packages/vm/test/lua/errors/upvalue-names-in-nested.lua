local outer = nil
local function l1()
  local function l2()
    return outer.x
  end
  return l2()
end
print(pcall(l1))
local cfg = {}
local function get() return cfg.a.b end
print(pcall(get))
