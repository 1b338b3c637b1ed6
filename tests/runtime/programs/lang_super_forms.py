class A:
    def who(self):
        return "A"
    def chain(self):
        return ["A"]
    @classmethod
    def make(cls):
        return cls.__name__ + "-made"

class B(A):
    def who(self):
        return "B>" + super().who()
    def chain(self):
        return ["B"] + super().chain()
    @classmethod
    def make(cls):
        return "B:" + super().make()

class Mixin:
    def extra(self):
        return "mixin:" + self.who()

class D(B, Mixin):
    def who(self):
        return "D>" + super().who()
    def chain(self):
        return ["D"] + super().chain()

d = D()
print(d.who())
print(d.chain())
print(D.make())
print(B.make())
print(d.extra())
print(super(B, d).who())
print(super(D, d).chain())
print(isinstance(d, Mixin), issubclass(D, A))

class E(B):
    def __init__(self, v):
        super().__init__()
        self.v = v
    def helper(self):
        f = lambda: super(E, self).who()
        return f()
print(E(3).v, E(3).helper())

class Base:
    def __init__(self, a, b=2):
        self.a = a
        self.b = b
class Kid(Base):
    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.kid = True
k = Kid(1, b=5)
print(k.a, k.b, k.kid)
