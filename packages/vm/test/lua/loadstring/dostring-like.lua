local code = "local a, b = ... return a * b"
print(loadstring(code)(6, 7))
print(pcall(loadstring("return ...")))
