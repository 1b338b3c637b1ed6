class C:
    shared = []
    count = 0
    def __init__(self, name):
        self.name = name
        C.count += 1
    def add(self, v):
        self.shared.append(v)

a = C("a")
b = C("b")
a.add(1)
b.add(2)
print(C.shared, a.shared is b.shared, C.count)
a.count = 100
print(a.count, b.count, C.count)
del a.count
print(a.count)
C.new_attr = "late"
print(a.new_attr, b.new_attr)
b.shared = ["own"]
print(b.shared, a.shared, C.shared)
def method(self):
    return "patched " + self.name
C.patched = method
print(a.patched())
print(hasattr(C, "name"), hasattr(a, "name"))
print(getattr(C, "count"), getattr(a, "missing", None))
class D(C):
    count = -1
print(D.count, D("d").count, C.count)
