local cfg = {}
print(#cfg.items)
