local t = {}
t[1] = "a"; t[2.0] = "b"; t[3] = "c"
print(#t, t[2], t[1.0])
t[2^31] = "big"; t[-1] = "neg"; t[0] = "zero"
print(t[2^31], t[-1], t[0], #t)
