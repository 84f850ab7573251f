local t = { x = {} }
print(t.x * 2)
