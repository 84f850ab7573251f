local function f() error("level one", 1) end
f()
