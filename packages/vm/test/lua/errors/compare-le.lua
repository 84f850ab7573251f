print(nil <= 1)
