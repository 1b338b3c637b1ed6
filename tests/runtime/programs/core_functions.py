def f(a, b=2, *args, c=3, **kw):
    return (a, b, args, c, sorted(kw.items()))
print(f(1))
print(f(1, 5, 6, 7, c=8, z=9))
print(f(*[1, 2, 3], **{"c": 4}))
print(f(b=1, a=0))
def counter():
    n = 0
    def inc(k=1):
        nonlocal n
        n += k
        return n
    return inc
inc = counter()
inc(); inc(5)
print(inc())
g = 10
def setg():
    global g
    g = 20
setg()
print(g)
sq = lambda x: x * x
print(sq(7), (lambda *a: len(a))(1, 2, 3), sorted([3, -4, 1], key=lambda v: -abs(v)))
def deco(fn):
    def wrapper(*a, **k):
        return "<" + str(fn(*a, **k)) + ">"
    return wrapper
@deco
def hello(name):
    return "hi " + name
print(hello("bob"))
def rec(n):
    return 1 if n <= 1 else n * rec(n - 1)
print(rec(20))
def errors():
    for call in (lambda: f(1, zz=1, **{"zz": 2}), lambda: sq(1, 2)):
        try:
            call()
        except TypeError as e:
            print("TypeError", e)
errors()
def kwonly(*, key):
    return key
try:
    kwonly()
except TypeError as e:
    print(e)
print(kwonly(key=3))
