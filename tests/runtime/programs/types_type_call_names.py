# classes made by type(name, bases, dict) are guest classes like those of class statements;
# names MicroPython interns (qstrs) may be at most 255 bytes long
X = type("X", (), {})
print(X, X.__name__, type(X()) is X, repr(X()).startswith("<X object at "))


def hello(self):
    return "hello from " + type(self).__name__


Base = type("Base", (), {"greet": hello, "n": 1})
Child = type("Child", (Base,), {"n": 2})
c = Child()
print(Child, c.greet(), c.n, Base.n, isinstance(c, Base), Child.__bases__)
print(type("Y", (Base,), {}), type(3), type(c))
for args in (("Z", [], {}), ("Z", (), []), (5, (), {})):
    try:
        type(*args)
    except TypeError as e:
        print("TypeError", repr(e))


def make_id(n):
    return "".join(chr(ord("a") + i % 26) for i in range(n))


class A:
    pass


for n in (255, 256):
    name = make_id(n)
    a = A()
    for label, fn in (
            ("type", lambda: type(name, (), {}).__name__ == name),
            ("setattr", lambda: setattr(a, name, n)),
            ("getattr", lambda: getattr(a, name, "default")),
            ("hasattr", lambda: hasattr(a, name)),
            ("format", lambda: ("{" + name + "}").format(**{name: n})),
            ("kwargs", lambda: (lambda **k: len(k))(**{name: 1}))):
        try:
            print(n, label, fn())
        except RuntimeError as e:
            print(n, label, "RuntimeError", e)
        except ImportError:
            print(n, label, "ImportError")
try:
    __import__(make_id(256))
except RuntimeError as e:
    print("import RuntimeError", e)
print(len("\u00e9" * 128), end=" ")
try:
    type("\u00e9" * 128, (), {})
except RuntimeError as e:
    print("RuntimeError", e)
