def f(*a, **k):
    return a, sorted(k.items())

def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("star int", lambda: f(*5))
attempt("star None", lambda: f(1, *None))
attempt("dstar list", lambda: f(**[1]))
attempt("dstar int", lambda: f(**3))
attempt("dup kw", lambda: f(**{"a": 1}, **{"a": 2}))
attempt("call int", lambda: 5())
attempt("call none", lambda: None())
attempt("call str", lambda: "s"(1))
attempt("star gen", lambda: f(*(i for i in range(3))))
attempt("star str", lambda: f(*"ab", **{"z": 1}))
class M:
    def keys(self):
        return ["x", "y"]
    def __getitem__(self, k):
        return k.upper()
attempt("dstar mapping-like", lambda: f(**M()))
def g(a, b):
    return a - b
attempt("dstar into named", lambda: g(**{"b": 1, "a": 5}))
attempt("dstar unknown", lambda: g(**{"a": 1, "c": 2}))
attempt("star too many", lambda: g(*[1, 2, 3]))
attempt("function qualname", lambda: f.__qualname__)
attempt("function name", lambda: f.__name__)
