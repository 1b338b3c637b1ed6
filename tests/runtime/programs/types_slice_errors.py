def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
l = [1, 2, 3]
t(lambda: l[:None])
t(lambda: "abc"[None:2])
t(lambda: l[::None])
t(lambda: (1, 2)["x"])
t(lambda: l[None])
t(lambda: l[-4])
t(lambda: b"abc"[1:None])
