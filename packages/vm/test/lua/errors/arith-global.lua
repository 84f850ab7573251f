print(counter + 1)
