class S:
    inst = None
    def __new__(cls, *a):
        if cls.inst is None:
            cls.inst = super().__new__(cls)
        return cls.inst
    def __init__(self, v):
        self.v = v
a = S(1)
b = S(2)
print(a is b, a.v)
class P:
    def __init__(self, **kw):
        for k in sorted(kw):
            setattr(self, k, kw[k])
p = P(x=1, y=2)
print(p.x, p.y, sorted(k for k in p.__dict__))
class Base:
    def __init__(self):
        self.tag = "base"
class Child(Base):
    def __init__(self):
        Base.__init__(self)
        self.tag += "+child"
print(Child().tag, type(Child()).__name__, Child.__name__, Base in Child.__bases__ if hasattr(Child, "__bases__") else True)
