local function three() return 1, 2, 3 end
local t = { three(), three() }
print(#t)
local u = { three(), (three()) }
print(#u)
local v = { [1] = three(), three() }
print(v[1], #v)
