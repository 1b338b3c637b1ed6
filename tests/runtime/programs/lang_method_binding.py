class A:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
    def add(self, n):
        return self.v + n

a = A(3)
m = a.get
print(m(), m.__self__ is a if hasattr(m, "__self__") else "noself")
print(A.get(a), A.add(a, 4))
unbound = A.get
print(unbound(A(9)))
a.func = lambda: "instance attr, not bound"
print(a.func())
def external(self):
    return "external " + str(self.v)
A.ext = external
print(a.ext())
ms = [A(i).get for i in range(3)]
print([f() for f in ms])
print(a.get == a.get, a.get is a.get)
b = A(10)
f = b.add
b.v = 20
print(f(1))
print(callable(a.get))
try:
    A.get()
except TypeError as e:
    print("TypeError")
