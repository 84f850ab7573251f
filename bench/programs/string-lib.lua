-- The string library: find/match/gmatch/gsub, format, sub/byte/rep/upper.
local words = {}
for i = 1, 2000 do words[i] = "word" .. (i % 97) .. "=" .. (i * 7 % 1000) end
local text = table.concat(words, " ")
local s = 0
for round = 1, 20 do
  for k, v in text:gmatch("(%a+%d+)=(%d+)") do s = s + #k + (v + 0) % 7 end
  local replaced, n = text:gsub("%d+", function(d) return #d end)
  s = s + n + #replaced % 11
  local pos = 1
  while true do
    local a, b = text:find("word5", pos, true)
    if not a then break end
    s = s + 1
    pos = b + 1
  end
  for i = 1, 2000 do
    local w = words[i]
    s = s + #string.format("%s:%5d|%-8s", w, i, w:sub(2, 6):upper()) + w:byte(1) + #w:rep(2)
  end
end
print("checksum", string.format("%d", s))
