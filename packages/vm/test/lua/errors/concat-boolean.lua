print("flag: " .. true)
