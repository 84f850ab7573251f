-- Startup only: process start, engine and library setup, an empty chunk.
print("checksum", 0)
