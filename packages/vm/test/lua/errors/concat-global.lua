print("x" .. missing .. "y")
