-- x86-64 glibc: invalid operations give the default NaN (sign bit set, printed
-- "-nan"); negating it gives "nan"; pow(negative, fraction) is -nan too.
local inf = 1/0
print(0/0, -(0/0), inf - inf, inf * 0, 0 * -inf)
print((-2) ^ 1.5, (-8) ^ 0.5, 0 % inf, 5 % inf, inf % 2)
print(-((-2) ^ 1.5), -(inf - inf))
local t = { 0/0 }
print(t[1] ~= t[1], -t[1])
