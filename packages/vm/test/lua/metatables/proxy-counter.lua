local reads = 0
local data = { a = 1, b = 2 }
local proxy = setmetatable({}, {
  __index = function(_, k) reads = reads + 1; return data[k] end,
  __newindex = function(_, k, v) data[k] = v end,
})
proxy.c = proxy.a + proxy.b
print(proxy.c, reads, rawget(proxy, "c"))
