def t(label, fn):
    try:
        print(label, fn())
    except BaseException as e:
        print(label, "EXC", type(e).__name__, e)

for src in ("nonlocal x", "def f():\n    nonlocal y\n", "def f():\n    x = 1\n    global x\n",
            "return 5", "yield 1", "break", "continue", "def f(a, a): pass",
            "f(**k, *a)", "a, *b, *c = 1, 2, 3", "del f()", "x + 1 = 2",
            "lambda: (yield)", "async def f():\n    yield 1\n", "class A:\n    return 1\n",
            "def f():\n    class B:\n        nonlocal q\n", "[x for x in 1 2]", "print 'a'",
            "def f(*, ): pass", "def f(**k, a): pass", "x = 1 if 2", "f(a for a in b, c)",
            "await x", "def f():\n  x\n    y\n", "try:\n    pass\n", "'unterminated",
            "0777", "1__0", "x = [1, 2", "@dec\nx = 1"):
    t(repr(src)[:30], lambda: exec(src))
def outer():
    v = 1
    def inner():
        v += 1
        return v
    return inner()
t("unbound closure augassign", outer)
def gen_in_try():
    try:
        yield 1
        return "r"
    finally:
        print("fin")
t("gen return in try", lambda: list(gen_in_try()))
