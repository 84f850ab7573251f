local function f() return pcall(f) end
print(f())
