print(pcall(coroutine.resume, {}))
print(pcall(coroutine.resume))
