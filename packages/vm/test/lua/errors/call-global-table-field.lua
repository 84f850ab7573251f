string2 = {}
string2.format("x")
