error("line1\nline2")
