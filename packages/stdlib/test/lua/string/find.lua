-- find and match: init, plain, specials, anchors, captures, position captures
local function show(...)
  local t = {}
  for i = 1, select("#", ...) do t[#t + 1] = tostring((select(i, ...))) end
  return table.concat(t, " ")
end
local subjects = {"hello world", "", "aaa", "a.b.c", "x = 10, y = 20", "[[nested]]", "f(a(b)c)d", "THE (quick) fox", "\0a\0b"}
local patterns = {"o", "l+", "l*", "l-", "l?", "^h", "d$", "^$", "%a+", "%d+", "(%w+) = (%d+)", "()", "()a()", ".-b", "%.", "[%a.]+",
  "[^a]", "%bab", "%b()", "%f[%w]%w+", "%f[%W]", "%s", "%S+", "a*$", "(a)(a)", "(a*(.)%2)", "%z", "[%z]", "[]]", "[^]]", "[a-]",
  "%u%l", "%x+", "%p", "%c", "(h)(e)(l)(l)(o)", "", ".", "(.)%1", "[b-a]"}
for _, s in ipairs(subjects) do
  for _, p in ipairs(patterns) do
    print(string.format("%q %q", s, p), show(string.find(s, p)), show(string.match(s, p)))
  end
end
for _, init in ipairs{-20, -3, -1, 0, 1, 2, 5, 11, 12, 13, 100} do
  print(init, show(string.find("hello world", "o", init)), show(string.find("hello world", "", init)),
    show(string.match("hello world", "(o)", init)), show(string.find("hello world", "l", init, true)))
end
print(show(string.find("a+b", "+", 1, true)), show(string.find("a+b", "a+", 1, true)), show(string.find("a.b", ".", 1, 1)))
print(show(string.find("a\0b", "a\0b")), show(string.find("a\0b", "\0")), show(string.match("xa\0b", "a\0b")), show(string.find("a\0b", "%z")))
print(show(("abc"):find("b")), show(("abc"):match("(b)(c)")), show(string.find(12345, 3)), show(string.match(3.14, "%d+")))
local errs = {"%", "[a", "[^", "(a", "a)", "%1", "(a)%2", "%b", "%ba", "%f", "%fa", "(()", "[%", "(a%1)"}
for _, p in ipairs(errs) do
  print(p, pcall(string.find, "abc", p), pcall(string.match, "abc", p))
end
print(pcall(string.find, string.rep("a", 40), string.rep("(a)", 33)))
print(pcall(string.find, string.rep("a", 40), string.rep("(a)", 32)))
print(pcall(string.find))
print(pcall(string.find, "x"))
print(pcall(string.find, "x", "x", "y"))
print(pcall(string.match, nil, "x"))
