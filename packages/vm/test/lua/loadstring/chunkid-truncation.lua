local names = {
  "=" .. "exactly-sixty-characters-long-name-abcdefghijklmnopqrstuvwxyz12",
  "=short",
  "@" .. "a/very/long/path/that/goes/on/and/on/and/on/forever/and/ever/file.lua",
  "@short.lua",
  "plain source name that is quite long, longer than the id size of sixty bytes",
  "first line\nsecond line",
  "",
}
for i = 1, #names do
  local f = loadstring("error('x')", names[i])
  print(pcall(f))
end
