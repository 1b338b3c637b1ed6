# Functions: every parameter kind, defaults, closures, nonlocal, global.
def f0():
    pass

def f1(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw

def f2(*, x, y=1):
    return x + y

def f3(a, b, c):
    return a

lam = lambda x, y=3, *z, **w: (x, y, z, w)
lam2 = lambda: 0

g = 10

def uses_global():
    global g
    g += 1
    return g

def outer(p):
    q = p + 1
    def inner(r):
        nonlocal q
        q += r
        return p + q
    return inner

def cell_param(a, b):
    def get():
        return a
    return get, b

def deep():
    x = 1
    def mid():
        def inn():
            return x
        return inn
    return mid

def retif(x):
    return 1 if x else 2

def many(*args, **kwargs):
    return f1(*args, c=3, **kwargs)

def call_variety(fn, lst, dct):
    fn(1, 2, *lst)
    fn(*lst, **dct)
    fn(a=1, **dct)
    fn(1, *lst, 3, *lst)
    obj = fn
    obj.method(1, *lst, **dct)
    return fn(x for x in lst)

def with_docstring():
    "This is not stored."
    return 1

def gen(n):
    for i in range(n):
        yield i
    yield from range(3)
    x = yield
    return x

def kwdefaults(a, *, b=[1], c={2: 3}):
    return a

print(f1(1, c=3), f2(x=1), f3(1, 2, c=3), lam(1), lam2(), uses_global(), outer(1)(2))
print(cell_param(1, 2), deep()()(), retif(0), kwdefaults(1), list(gen(3)))
