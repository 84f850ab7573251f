local f = loadstring("error('from chunk', 1)", "=chunk")
print(pcall(f))
local g = loadstring("local function h() error('deeper', 2) end h()", "=chunk2")
print(pcall(g))
