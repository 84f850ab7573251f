print(loadstring("\27Lua"))
