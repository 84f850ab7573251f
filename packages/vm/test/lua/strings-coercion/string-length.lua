print(#"", #"abc", #"hello world", #("x" .. "yz"))
local s = "abc"
print(#s + 1, -#s)
