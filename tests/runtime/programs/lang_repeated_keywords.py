def f(**k):
    return sorted(k.items())
def g(x, y=0):
    return x + y
def attempt(label, fn):
    try:
        print(label, fn())
    except TypeError as e:
        print(label, "TypeError", e)
attempt("var kw", lambda: f(x=1, x=2))
attempt("named", lambda: g(x=1, x=2))
attempt("pos and kw", lambda: g(1, x=2))
attempt("kw then dict", lambda: g(y=1, **{"y": 2, "x": 0}))
attempt("ok", lambda: g(y=5, x=1))
try:
    undefined_callee(a=1, a=2)
except NameError as e:
    print("NameError", e)
