ipairs(nil)
