local t = {}
t.method(1)
