local t = {}
t["10"] = "s"; t[10] = "n"
print(t["10"], t[10], t[10.0])
