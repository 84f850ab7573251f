-- an error raised inside a gsub callback, not caught: message and traceback
local function inner(c)
  if c == "b" then error("bad char " .. c) end
  return c
end
print(string.gsub("abc", "%w", inner))
