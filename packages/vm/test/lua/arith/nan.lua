local nan = 0/0
print(nan == nan, nan ~= nan, nan < nan, nan <= nan, nan > 1, 1 < nan)
local t = { nan = 1 }
print(t.nan)
print(nan ~= nan and "nan-ok")
