-- x86-64 glibc: invalid operations give the default NaN (sign bit set, printed
-- "-nan"); negating it gives "nan"; pow(negative, fraction) is -nan too.
local inf = 1/0
print(0/0, -(0/0), inf - inf, inf * 0, 0 * -inf)
print((-2) ^ 1.5, (-8) ^ 0.5, 0 % inf, 5 % inf, inf % 2)
print(-((-2) ^ 1.5), -(inf - inf))
local t = { 0/0 }
print(t[1] ~= t[1], -t[1])
local n = 0/0
print(n ^ 1, (-n) ^ 1, n ^ 2, (-n) ^ 2, n ^ 0.5, (-n) ^ 0.5, n ^ -1, (-n) ^ 3)
-- Two NaNs of different sign: x86 (as gcc compiles lua5.1) keeps the left operand's.
local m, p = 0/0, -(0/0)
print(m + p, p + m, m - p, p - m, m * p, p * m, m / p, p / m, m % p, p % m)
