def f(a, b, c=3):
    return a, b, c
def kwonly(a, *, d, e=5):
    return a, d, e
def varargs(*args):
    return args
def both(a, *rest, k=0, **kw):
    return a, rest, k, sorted(kw.items())

def attempt(fn, *a, **k):
    try:
        print(fn(*a, **k))
    except TypeError as e:
        print("TypeError:", e)

attempt(f, 1, 2)
attempt(f, 1)
attempt(f)
attempt(f, 1, 2, 3, 4)
attempt(f, 1, 2, d=4)
attempt(f, 1, 2, a=4)
attempt(f, b=1, a=2)
attempt(kwonly, 1, d=2)
attempt(kwonly, 1)
attempt(kwonly, 1, 2)
attempt(kwonly, 1, e=2)
attempt(varargs)
attempt(varargs, 1, 2)
attempt(varargs, x=1)
attempt(both, 1, 2, 3, k=4, z=5, y=6)
attempt(both, k=1)
def nothing():
    return 0
attempt(nothing, 1)
attempt(lambda x: x)
def kwdef(*, a, b=2):
    return a, b
attempt(kwdef)
attempt(kwdef, b=1)
attempt(kwonly, 1, **{})
attempt(kwonly, 1, **{"e": 0})
