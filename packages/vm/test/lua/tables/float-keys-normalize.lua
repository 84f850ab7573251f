local t = {}
t[1.0] = "one"
t[2] = "two"
print(t[1], t[2.0], #t)
t[2^53] = "big"
print(t[2^53])
local z = 0
t[-z] = "negzero"
print(t[0])
