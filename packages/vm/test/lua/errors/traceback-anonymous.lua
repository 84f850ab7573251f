local t = { function() error("anon") end }
t[1]()
