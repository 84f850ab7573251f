local obj = { inner = nil }
obj.inner:method()
