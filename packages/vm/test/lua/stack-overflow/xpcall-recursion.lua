local function f() error("x") end
local function h(m) return (h(m)) end
print(xpcall(f, h))
