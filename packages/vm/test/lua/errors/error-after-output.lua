print("before")
io_write_missing("x")
print("after")
