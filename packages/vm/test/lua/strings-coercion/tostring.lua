print(tostring(1), tostring(1.5), tostring(nil), tostring(true), tostring(false))
print(tostring("x"), tostring(-0.0), tostring(1e15), tostring(2^63))
print(type(tostring({})), type(tostring(print)))
print(#tostring(12345))
