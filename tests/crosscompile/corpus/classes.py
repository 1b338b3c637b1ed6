# Classes, inheritance, super(), __class__, decorators, properties.
def deco(fn):
    return fn

def deco_args(x):
    return lambda fn: fn

class Empty:
    pass

class Base:
    attr = 1

    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v

class Child(Base):
    "Docstring of Child"
    def __init__(self, v, w):
        super().__init__(v)
        self.w = w

    def get(self):
        return super().get() + self.w

    def cls(self):
        return __class__

    @staticmethod
    def st(x):
        return x

    @classmethod
    def cm(cls):
        return cls

    @property
    def prop(self):
        return self.w

    @deco
    @deco_args(1)
    def decorated(self):
        return 1

class Meta(type):
    pass

class WithMeta(Base, metaclass=Meta):
    x = [i for i in range(3)]

class Outer:
    class Inner:
        y = 2
    def m(self):
        class Local:
            z = self
        return Local

@deco
class Decorated:
    pass

c = Child(1, 2)
print(c.get(), c.cls(), Child.st(3), Child.cm(), c.prop, c.decorated(), Outer.Inner.y)
