local f = assert(loadstring("x = = 2", "=bad"))
