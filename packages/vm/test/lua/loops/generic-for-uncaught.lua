local list = {1, 2}
for k, v in list do print(k, v) end
