-- A hook set while translated code runs takes effect at once (the
-- interpreter continues the frame); clearing it lets translation resume.
local lines = {}
local function inner(x) return x * 2 end
local function work(n)
  local s = 0
  for i = 1, n do
    s = s + inner(i)
    if i == 70 then debug.sethook(function(ev, line) lines[#lines + 1] = ev .. ":" .. tostring(line) end, "l") end
    if i == 72 then debug.sethook() end
  end
  return s
end
for _ = 1, 3 do print(work(100)) end
print(#lines)
for i = 1, 12 do print(lines[i]) end
local calls = 0
local function leaf() return 1 end
local function loop()
  local s = 0
  for i = 1, 200 do
    s = s + leaf()
    if i == 150 then debug.sethook(function(ev) calls = calls + 1 end, "cr") end
  end
  debug.sethook()
  return s
end
print(loop(), calls)
local n = 0
debug.sethook(function() n = n + 1 end, "", 7)
local x = 0
for i = 1, 1000 do x = x + i end
debug.sethook()
print(x, n)
