local function p(...) local t = {} for i = 1, select("#", ...) do t[i] = string.format("%.17g", (select(i, ...))) end print(table.concat(t, " ")) end
local xs = {0, 1, -1, 0.5, -0.5, 2, 10, 100, 1e-10, 1e10, 3.14159, -2.71828, 1/0, -1/0, 0/0, -(0/0), 1e308, 5e-324}
for _, x in ipairs(xs) do
  print(x, math.abs(x), math.ceil(x), math.floor(x), math.sqrt(x), math.exp(x), math.log(x), math.log10(x))
  print(x, math.sin(x), math.cos(x), math.tan(x), math.asin(x), math.acos(x), math.atan(x))
  print(x, math.sinh(x), math.cosh(x), math.tanh(x), math.deg(x), math.rad(x), math.modf(x))
  print(x, math.frexp(x))
  print(x, math.fmod(x, 3), math.fmod(x, -0.7), math.fmod(7, x), math.mod(x, 2), math.pow(x, 2), math.pow(2, x), math.pow(x, 0.5), math.pow(x, 3), math.pow(x, -1))
  print(x, math.atan2(x, 1), math.atan2(1, x), math.atan2(x, -1), math.ldexp(x, 3), math.ldexp(x, -1074), math.ldexp(x, 1024))
end
p(math.sin(1), math.cos(1), math.tan(1), math.exp(1), math.log(2), math.log10(2), math.sqrt(2), math.atan2(1, 2))
p(math.asin(0.5), math.acos(0.5), math.atan(0.5), math.sinh(1), math.cosh(1), math.tanh(0.5), math.pow(10, -2), math.pow(2, 0.5))
p(math.ldexp(1, -1074), math.ldexp(0.75, -1073), math.ldexp(1, 1023), math.ldexp(1, 1024), math.ldexp(3, -1075), math.ldexp(1.5, -1074))
print(math.frexp(5e-324), math.frexp(2.2250738585072014e-308), math.frexp(-1e308), math.frexp(1), math.frexp(0.1))
print(math.pow(1, 0/0), math.pow(0/0, 0), math.pow(-1, 1/0), math.pow(0, -1), math.pow(-8, 1/3), math.pow(-2, 3))
print(math.max(3, 1, 2), math.min(3, 1, 2), math.max(1), math.min(-0.0 * 1, 0), math.max("10", 9), math.min(1, 0/0), math.max(0/0, 1))
print(math.pi, math.huge, -math.huge, math.floor(-3.5), math.ceil(-3.5), math.floor(2^60 + 0.5))
print(pcall(math.floor), pcall(math.abs, "x"), pcall(math.max), pcall(math.min, 1, "x"))
print(pcall(math.ldexp, 1), pcall(math.fmod, 1), pcall(math.atan2, 1), pcall(math.pow, 2))
print(math.abs("-3"), math.floor("2.5"), math.sqrt("16"), math.fmod(" 7 ", "0x3"))
print(math.fmod(5.5, 2), math.fmod(-5.5, 2), math.fmod(5, 0), math.fmod(1/0, 2), math.fmod(2, 1/0), math.fmod(-0.0 * 1, 1))
print(math.mod == math.fmod, string.gfind == string.gmatch, math.mod(7, 3), pcall(math.mod))
