local newg = { print = print, tostring = tostring }
setfenv(0, newg)
print(getfenv(0) == newg)
