def t(src):
    try:
        exec(src) if False else src()
    except Exception as e:
        print(type(e).__name__ + ":", e)
class O:
    pass
t(lambda: O().missing)
t(lambda: O.missing)
t(lambda: 1 + "a")
t(lambda: [] + ())
t(lambda: len(5))
t(lambda: 5())
t(lambda: "x"[10])
t(lambda: (1,)[2])
t(lambda: {"a": 1}["b"])
t(lambda: int("3.5"))
t(lambda: [].remove(3))
t(lambda: set().pop())
t(lambda: {}.popitem())
t(lambda: iter(5))
t(lambda: -"a")
t(lambda: [1, 2] < "a")
t(lambda: int(None))
