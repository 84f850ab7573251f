local z = 0
local nz = -z
print(nz, -z, z * -1, 0 / -1)
print(nz == 0, 1 / nz)
print(tostring(-z))
