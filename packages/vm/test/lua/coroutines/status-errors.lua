print(pcall(coroutine.status))
print(pcall(coroutine.status, {}))
print(coroutine.status(coroutine.create(function() end)))
