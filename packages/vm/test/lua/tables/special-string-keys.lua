local t = {}
t.__proto__ = 1; t.constructor = 2; t.toString = 3; t.hasOwnProperty = 4; t.length = 5
print(t.__proto__, t.constructor, t.toString, t.hasOwnProperty, t.length, #t)
print(t.valueOf, t.prototype)
