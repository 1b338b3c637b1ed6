def t(f):
    try:
        f()
    except TypeError as e:
        print(e)
def f(a, b=1): pass
def g(a, b): pass
def h(*, k): pass
def m(a, *args, k=2): pass
class C:
    def meth(self, x): pass
t(lambda: f(1, 2, 3))
t(lambda: g(1, 2, 3))
t(lambda: g())
t(lambda: g(b=2))
t(lambda: h(1))
t(lambda: h(k=1, j=2))
t(lambda: m())
t(lambda: C().meth())
t(lambda: C().meth(1, 2))
t(lambda: len())
t(lambda: len(1, 2))
t(lambda: abs())
t(lambda: (lambda: 0)(1))
