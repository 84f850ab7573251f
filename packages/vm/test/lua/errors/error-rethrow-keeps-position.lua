local ok, e = pcall(function() error("original") end)
error(e, 0)
