-- Lookups through __index tables after warm-up (the JIT's per-instruction
-- lookup cache): every change to the chain must be seen at once.
local Base = {}
Base.__index = Base
function Base.who() return "base" end
local Mid = setmetatable({}, Base)
Mid.__index = Mid
local obj = setmetatable({}, Mid)

local function call(o) return o:who() end
local function field(o) return o.who end
-- Results go to slots that exist already: a new key anywhere would also
-- invalidate the cache and hide a missed invalidation.
local out = {}
for i = 1, 40 do out[i] = false end
local n = 0
local function step(tag)
  local ok, r = pcall(call, obj)
  local f = field(obj)
  n = n + 1
  out[n] = tag .. " = " .. tostring(ok and r or ("error: " .. tostring(r))) .. " / " .. type(f)
end

for _ = 1, 60 do call(obj) field(obj) end
step("warm")
function Mid.who() return "mid" end
step("new key in the middle")
Mid.who = nil
step("middle set to nil")
Mid.who = function() return "mid again" end
step("nil to a value in an existing node")
Mid.who = nil
Base.who = function() return "base changed" end
step("value changed in the holder")
Mid.__index = { who = function() return "other table" end }
step("__index rewritten")
Mid.__index = Mid
step("__index back")
setmetatable(Mid, { __index = { who = function() return "swapped" end } })
step("metatable swapped")
setmetatable(Mid, Base)
step("metatable back")
obj.who = function() return "own" end
step("own key")
obj.who = nil
step("own key removed")
rawset(Base, "who", function() return "rawset" end)
step("rawset")
rawset(Mid, "__index", { who = function() return "rawset __index" end })
step("rawset __index")
rawset(Mid, "__index", Mid)
debug.setmetatable(Mid, { __index = function(_, k) return function() return "function __index " .. k end end })
step("function __index")
debug.setmetatable(Mid, Base)
step("debug.setmetatable back")
for i = 1, 100 do Base["k" .. i] = i end
step("holder rehashed")
for i = 1, 100 do Base["k" .. i] = nil end
Base.who = nil
step("method gone")
Base.who = function() return "restored" end
step("restored")
Base.__index = nil
step("no __index")
Base.__index = Base
step("__index restored")

-- one site, receivers of different classes (the cache keys on the metatable)
local A = { who = function() return "A" end }
A.__index = A
local B = setmetatable({ who = function() return "B" end }, { __index = A })
B.__index = B
local C = setmetatable({}, { __index = B })
C.__index = C
local objs = { setmetatable({}, A), setmetatable({}, B), setmetatable({}, C), {}, setmetatable({}, {}) }
local seen = ""
for i = 1, 100 do
  local o = objs[i % #objs + 1]
  local ok, r = pcall(call, o)
  if i > 90 then seen = seen .. (ok and r or "error") .. "," end
end
n = n + 1
out[n] = seen

-- globals through the environment's metatable (strict-style defaults)
local defaults = { answer = 42 }
local env = setmetatable({}, { __index = setmetatable({}, { __index = defaults }) })
local function get() return answer end
setfenv(get, env)
local s = 0
for _ = 1, 60 do s = s + get() end
defaults.answer = 1
s = s + get()
env.answer = 1000
s = s + get()
n = n + 1
out[n] = "globals " .. s

-- a loop of __index tables
local L1, L2 = {}, {}
setmetatable(L1, { __index = L2 })
setmetatable(L2, { __index = L1 })
for _ = 1, 50 do pcall(field, L1) end
n = n + 1
out[n] = select(2, pcall(field, L1))
for i = 1, n do print(out[i]) end
