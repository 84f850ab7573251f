print(getfenv(print) == _G)
