print([[abc]], [==[a]]b]==], [[
first newline skipped]])
local s = [[
x
y]]
print(#s, s)
