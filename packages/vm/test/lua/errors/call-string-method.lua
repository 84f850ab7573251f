local s = "abc"
s:nomethod()
