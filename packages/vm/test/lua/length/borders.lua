print(#{}, #{1}, #{1, 2, 3}, #{nil}, #{nil, nil, 3})
print(#{1, 2, nil, 4}, #{1, 2, 3, nil}, #{1, nil, 3})
print(#{n = 1}, #{1, 2, x = 3})
