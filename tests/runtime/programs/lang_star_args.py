def f(a, *rest, sep="-"):
    return sep.join(str(x) for x in (a,) + rest)
print(f(1), f(1, 2, 3), f(1, 2, sep="+"), f(*"xyz"))
def g(**kw):
    return sorted(kw.items())
print(g(), g(a=1, b=2), g(**{"c": 3}), g(x=1, **{"y": 2}))
def h(a, b=2, *c, d=4, **e):
    return a, b, c, d, sorted(e)
print(h(1), h(1, 3, 5, 7, d=9, z=0), h(*[1, 2, 3], **{"d": 5, "q": 6}))
args = (1, 2)
kwargs = {"sep": ","}
print(f(*args, **kwargs))
