def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
def u2(v):
    a, b = v
    return a, b
def u3(v):
    a, b, c = v
    return a, b, c
def star(v):
    a, *b, c = v
    return a, b, c
t(lambda: u2([1]))
t(lambda: u2([1, 2, 3]))
t(lambda: u3("ab"))
t(lambda: u2("xy"))
t(lambda: u2({"k": 1, "j": 2}))
t(lambda: u2(5))
t(lambda: u2(None))
t(lambda: star([1]))
t(lambda: star([1, 2]))
t(lambda: star(range(5)))
t(lambda: u2(iter([1])))
