print(print >= print)
