-- gmatch and gfind
for w in string.gmatch("one two  three", "%a+") do io.write("[", w, "]") end print()
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do io.write(k, "->", v, ";") end print()
for p in string.gmatch("abc", "()") do io.write(p, " ") end print()
for a, b in string.gmatch("abcd", "()(.)") do io.write(a, b, " ") end print()
for m in string.gmatch("aaa", "a*") do io.write("<", m, ">") end print()
for m in string.gmatch("abc", "") do io.write("<", m, ">") end print()
for m in string.gmatch("^a^b", "^.") do io.write("<", m, ">") end print()
for m in string.gfind("x1y22z333", "%d+") do io.write(m, ",") end print()
local it = string.gmatch("ab", ".")
print(it(), it(), it(), it())
print(pcall(function() for x in string.gmatch("abc", "(") do end end))
print(pcall(function() for x in string.gmatch("abc", "%") do end end))
print(pcall(string.gmatch))
print(pcall(string.gmatch, "x"))
print(type(string.gmatch("x", "x")))
local n = 0
for a, b, c in ("k1=v1;k2=v2"):gmatch("(%w+)=(%w+)") do n = n + 1 print(n, a, b, c) end
