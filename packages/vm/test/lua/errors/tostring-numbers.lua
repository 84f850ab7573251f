print(tostring(1e300 * 1e300), tostring(-(1e300 * 1e300)), tostring(0/0))
print(1e15, 1e16, -1e15, 123456789012, 0.1 + 0.7)
print(2^24, 2^31 + 0.5, 1/7)
