local i = 0
repeat i = i + 1 until i >= 5
print(i)
repeat local x = 1 until x == 1
print("done")
