def f(a, b, c=3, *args, d, e=5, **kw):
    return (a, b, c, args, d, e, sorted(kw.items()))
print(f(1, 2, d=4))
print(f(1, 2, 3, 4, 5, d=6, z=7, y=8))
def t(fn):
    try:
        print(fn())
    except TypeError as e:
        print("TypeError:", e)
def g(a, b):
    return a + b
t(lambda: g(1))
t(lambda: g(1, 2, 3))
t(lambda: g(1, a=2))
t(lambda: g(1, c=2))
def h(*, k):
    return k
t(lambda: h(1))
t(lambda: h(k=1))
print(g(*[1, 2]), g(**{"a": 1, "b": 2}), f(*(1, 2), **{"d": 0}))
def defaults(x, l=[]):
    l.append(x)
    return l
print(defaults(1), defaults(2))
