local t = {}
print(-t)
