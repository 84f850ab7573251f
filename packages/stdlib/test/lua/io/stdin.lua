print(io.read())
print(io.read("*n", "*n", "*n", "*n"))
print(io.read("*l"))
local l = io.read("*l") print(#l, l:byte(1, -1))
for line in io.lines() do print("[" .. line .. "]") end
print(io.read(), io.read("*a"), io.read(0), io.read("*n"))
print(io.stdin:read(1), io.type(io.stdin))
