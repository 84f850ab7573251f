local env = { print = print }
local function make()
  return function() return who end
end
setfenv(make, env)
env.who = "env"
who = "global"
local g = make()
print(g())
