def t(label, fn):
    try:
        print(label, fn())
    except BaseException as e:
        print(label, "EXC", type(e).__name__, e)
class CM:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        print("enter", self.n)
    def __exit__(self, et, ev, tb):
        print("exit", self.n, et.__name__ if et else None)
def gw():
    with CM(1):
        yield 1
        with CM(2):
            yield 2
g = gw()
t("with gen 1", lambda: next(g))
t("with gen 2", lambda: next(g))
t("with gen close", lambda: g.close())
g = gw(); next(g)
t("with gen throw", lambda: g.throw(ValueError("v")))
def gfin():
    try:
        yield 1
    finally:
        return "from finally"
g = gfin(); next(g)
t("return in finally on close", lambda: g.close())
g = gfin(); next(g)
t("return in finally on throw", lambda: g.throw(KeyError("k")))
def gexc():
    yield 1
    raise ValueError("boom")
g = gexc(); next(g)
t("gen raises", lambda: next(g))
t("gen after raise", lambda: next(g))
async def coro():
    return 1
c = coro()
t("coro repr type", lambda: type(c).__name__)
t("coro send", lambda: c.send(None))
t("coro send again", lambda: c.send(None))
async def awaiter():
    x = await coro()
    return x + 1
t("await coro", lambda: awaiter().send(None))
def gen_expr_scope():
    xs = [1, 2]
    g = (x + y for x in xs for y in xs)
    xs.append(3)
    return list(g)
t("genexpr late", gen_expr_scope)
def send_to_genexpr():
    g = (x for x in range(3))
    next(g)
    return g.send(5)
t("genexpr send", send_to_genexpr)
def yield_expr_values():
    a = yield
    b = yield a
    c = yield (a, b)
    return c
g = yield_expr_values()
t("ye1", lambda: next(g))
t("ye2", lambda: g.send("A"))
t("ye3", lambda: g.send("B"))
t("ye4", lambda: g.send("C"))
def yf_throw_close():
    def inner():
        try:
            yield 1
        finally:
            print("inner closed")
    yield from inner()
g = yf_throw_close(); next(g)
t("yield from close", lambda: g.close())
def gen_stopiter_in_yf():
    yield from iter([1, 2])
    return "after"
t("yf list", lambda: list(gen_stopiter_in_yf()))
