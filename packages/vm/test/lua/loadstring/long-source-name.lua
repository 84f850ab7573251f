print(pcall(loadstring("error('e')", "a very long chunk name that should be truncated at some point because it is long")))
print(pcall(loadstring("\n\nerror('x')")))
print(pcall(loadstring("local a = 1\nerror('first line only')")))
print(pcall(loadstring("   error('leading spaces')")))
