def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
print(c(), c(), c())
fs = [lambda i=i: i * 10 for i in range(3)]
print([f() for f in fs])
late = [lambda: i for i in range(3)]
print([f() for f in late])
def outer(x):
    def mid(y):
        def inner(z):
            return x + y + z
        return inner
    return mid
print(outer(1)(2)(3))
G = 5
def useg():
    global G
    G += 1
    return G
print(useg(), G)
def deco(f):
    def w(*a, **k):
        return "<" + str(f(*a, **k)) + ">"
    return w
@deco
def add(a, b=1):
    return a + b
print(add(2), add(2, b=5))
