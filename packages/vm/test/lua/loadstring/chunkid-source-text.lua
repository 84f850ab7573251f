print(pcall(loadstring("error('a')")))
print(pcall(loadstring("  \n error('b')")))
print(pcall(loadstring("error('c') -- " .. "0123456789012345678901234567890123456789012345678901234567890123456789")))
print(pcall(loadstring("\terror('tab')")))
