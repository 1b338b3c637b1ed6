class A:
    def who(self):
        return "A"
    def chain(self):
        return ["A"]
    def __init__(self):
        self.log = ["A.init"]

class B(A):
    def who(self):
        return "B>" + super().who()
    def chain(self):
        return ["B"] + super().chain()
    def __init__(self):
        super().__init__()
        self.log.append("B.init")

class C(A):
    def who(self):
        return "C>" + super().who()
    def chain(self):
        return ["C"] + super().chain()
    def only_c(self):
        return "only in C"
    def __init__(self):
        super().__init__()
        self.log.append("C.init")

class D(B, C):
    def who(self):
        return "D>" + super().who()
    def chain(self):
        return ["D"] + super().chain()
    def __init__(self):
        super().__init__()
        self.log.append("D.init")
    def reach_c(self):
        return super().only_c()

d = D()
print(d.who())
print(d.chain())
print(d.log)
print(d.reach_c())
print(B().who(), C().who())

class Mixin:
    def describe(self):
        return "mixin sees " + self.name()
class Named:
    def name(self):
        return "named"
    def describe(self):
        return "named describe"
class Both(Mixin, Named):
    def describe(self):
        return "both: " + super().describe()
print(Both().describe())
class Other(Named, Mixin):
    def describe(self):
        return "other: " + super().describe()
print(Other().describe())
class Stack(list, Mixin):
    def name(self):
        return "stack of %d" % len(self)
    def append(self, v):
        super().append(v * 10)
s = Stack()
s.append(1)
print(s, s.describe())
try:
    class E(B, C):
        def nothing(self):
            return super().missing_method()
    E().nothing()
except AttributeError as e:
    print("AttributeError", e)
