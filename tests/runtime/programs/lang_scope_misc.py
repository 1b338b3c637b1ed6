x = "global"
def f():
    print(x)
f()
def g():
    x = "local"
    def h():
        return x
    return h()
print(g(), x)
def unbound():
    try:
        print(y)
        y = 1
    except NameError as e:
        print(type(e).__name__, e)
unbound()
class C:
    a = 1
    b = [a * i for i in range(3)] if False else a + 1
print(C.b)
lam = lambda *a, **k: (a, sorted(k))
print(lam(1, 2, z=3))
def ann(a: int, b: str = "x") -> str:
    return b * a
print(ann(3))
print(__name__)
