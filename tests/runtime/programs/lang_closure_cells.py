def make():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return fs
print([f() for f in make()])

def make_bound():
    fs = []
    for i in range(3):
        def f(i=i):
            return i
        fs.append(f)
    return fs
print([f() for f in make_bound()])

def make_fresh():
    def mk(v):
        return lambda: v
    return [mk(i) for i in range(3)]
print([f() for f in make_fresh()])

def shared():
    x = 0
    def get():
        return x
    def put(v):
        nonlocal x
        x = v
    return get, put
g, p = shared()
p(9)
print(g())

def comp_capture():
    k = 10
    return [lambda y: y + k for _ in range(2)], {n: (lambda: n) for n in "ab"}
fs, d = comp_capture()
print([f(1) for f in fs], [d[key]() for key in sorted(d)])

def rebinding():
    v = 1
    f = lambda: v
    v = 2
    return f()
print(rebinding())

def unbound():
    def inner():
        return z
    try:
        inner()
    except NameError as e:
        print("NameError", e)
    z = 1
    return inner()
print(unbound())
