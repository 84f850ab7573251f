local a = 5
print(-a, - -a, -(-a), -(a + 1))
local s = "10"
print(-s, -"2.5", -"0x10")
