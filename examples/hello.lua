-- A small tour: run with `bin/valua examples/hello.lua [args]`.
print("Hello from " .. _VERSION .. " on Valua")

-- arguments, as with lua5.1
for i = 1, #arg do print("arg[" .. i .. "] = " .. arg[i]) end

-- closures, string patterns and formatting
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c = counter()
c(); c()
print(string.format("counter: %d, pi ~ %.5f, %q", c(), math.pi, "tab\there"))
for word, num in ("apples=3 pears=12"):gmatch("(%a+)=(%d+)") do
  print(word, tonumber(num) * 2)
end

-- Valkey's helper libraries load with require, as LuaRocks users know them
local cjson = require "cjson"
print(cjson.encode({ list = { 1, 2, 3 } }))

-- errors carry the chunk name, line and variable hints
print(pcall(function() local t; return t.x end))
