local function sandboxed()
  setfenv(1, { print = print, y = 5 })
  print(y, x)
end
x = "outside"
sandboxed()
print(x)
