local obj = { a = { b = {} } }
function obj.a.b.f(x) return x * 2 end
function obj.a.b:g(x) return self == obj.a.b, x end
print(obj.a.b.f(4), obj.a.b:g(5))
