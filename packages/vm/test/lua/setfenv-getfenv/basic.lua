local function f() return x end
x = "global x"
print(f())
setfenv(f, { x = "env x" })
print(f())
print(getfenv(f).x)
