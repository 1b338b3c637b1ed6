from collections import namedtuple

P = namedtuple("P", "a b c")

def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("few", lambda: P(1, 2))
attempt("many", lambda: P(1, 2, 3, 4))
attempt("unknown kw", lambda: P(1, 2, d=3))
attempt("dup kw", lambda: P(1, 2, 3, a=4))
p = P(1, 2, 3)
def setattr_():
    p.a = 5
attempt("set", setattr_)
attempt("missing attr", lambda: p.d)
attempt("index", lambda: p[3])
def setitem():
    p[0] = 1
attempt("setitem", setitem)
attempt("fields", lambda: P._fields)
attempt("asdict", lambda: p._asdict())
attempt("make", lambda: P._make([1, 2, 3]))
attempt("replace bad", lambda: p._replace(z=1))
