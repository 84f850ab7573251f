print(pcall(ipairs))
print(pcall(function() return ipairs() end))
