def trace(fn):
    def wrapper(*args, **kw):
        print("call", fn.__name__, args, sorted(kw.items()))
        return fn(*args, **kw)
    return wrapper

def repeat(n):
    def deco(fn):
        def w(*a):
            return [fn(*a) for _ in range(n)]
        return w
    return deco

@trace
def add(a, b=0):
    return a + b
print(add(1, b=2))

@repeat(3)
def hello(name):
    return "hi " + name
print(hello("x"))

@trace
@repeat(2)
def sq(v):
    return v * v
print(sq(4))

class Registry:
    items = []
    @classmethod
    def register(cls, fn):
        cls.items.append(fn.__name__)
        return fn
@Registry.register
def one():
    pass
@Registry.register
def two():
    pass
print(Registry.items)

def class_deco(cls):
    cls.tag = "decorated"
    return cls
@class_deco
class T:
    pass
print(T.tag)
