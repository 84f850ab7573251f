print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, 2 > 1, 1 == 1.0)
print("a" < "b", "abc" < "abd", "" < "a", "Z" < "a", "a" <= "a")
print("10" < "9", 10 < 9)
print(1 ~= 1, 1 ~= 2, "1" == 1, nil == false)
local t1, t2 = {}, {}
print(t1 == t1, t1 == t2, t1 ~= t2)
