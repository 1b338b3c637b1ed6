def t(label, fn):
    try:
        fn()
        print(label, "no error")
    except RuntimeError as e:
        print(label, "RuntimeError", e)
class R:
    def __repr__(self):
        return repr(self)
t("repr", lambda: repr(R()))
class E:
    def __eq__(self, o):
        return self == o
t("eq", lambda: E() == E())
def keyrec(v):
    return sorted([1, 2], key=keyrec)
t("sort key", lambda: keyrec(1))
def gen(n):
    yield from gen(n + 1)
t("yield from", lambda: list(gen(0)))
def mapper(x):
    return list(map(mapper, [x]))
t("map", lambda: mapper(1))
class G:
    def __getattr__(self, n):
        return self.missing
t("getattr", lambda: G().x)
class Init:
    def __init__(self):
        Init()
t("init", Init)
def fmt(n):
    return "{}".format(F())
class F:
    def __str__(self):
        return fmt(0)
t("format", lambda: fmt(0))
class It:
    def __iter__(self):
        return iter(It())
t("iter", lambda: iter(It()))
def deco(n):
    return (lambda: deco(n + 1))()
t("lambda", lambda: deco(0))
print("survived")
