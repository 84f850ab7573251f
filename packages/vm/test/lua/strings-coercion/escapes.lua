print("a\tb", "a\\b", "q\"q", 'q\'q', "\65\066\0671")
print("line1\nline2")
print(#"\0abc", #"\n", "x\
y")
print("\a\b\f\v\r" == "\7\8\12\11\13")
