print(type(coroutine.create), type(coroutine.resume), type(coroutine.yield))
print(type(coroutine.status), type(coroutine.wrap), type(coroutine.running))
