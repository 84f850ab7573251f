print(5.3 % 1 < 0.31, 5.3 % 1 > 0.29)
print(-1 % 5, 1 % -5, 0 % 5)
print(1e308 % 3 >= 0)
print(3 % math_nil == nil)
