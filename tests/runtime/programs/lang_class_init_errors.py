class A:
    def __init__(self, a, b):
        self.a = a
try:
    A(1)
except TypeError as e:
    print("TypeError", e)
try:
    A(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
class R:
    def __init__(self):
        return 5
try:
    R()
except TypeError as e:
    print("TypeError", e)
class NewOnly:
    def __new__(cls, v):
        o = super().__new__(cls)
        o.v = v
        return o
print(NewOnly(7).v)
class Other:
    def __new__(cls):
        return 42
print(Other())
class Raises:
    def __init__(self):
        raise ValueError("bad init")
try:
    Raises()
except ValueError as e:
    print("ValueError", e)
class B:
    def __init__(self, only):
        pass
class C:
    def __init__(self, p, q, r=1):
        pass
for cls, args in ((B, ()), (C, (1,)), (C, ()), (A, ())):
    try:
        cls(*args)
    except TypeError as e:
        print(cls.__name__, "TypeError", e)
handlers = [lambda a: a, lambda a, b: a]
for h in handlers:
    try:
        h()
    except TypeError as e:
        print("lambda TypeError", e)
