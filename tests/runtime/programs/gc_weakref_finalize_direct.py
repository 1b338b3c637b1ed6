import weakref


class Res:
    pass


def closer(*args, **kw):
    print("closing", args, sorted(kw.items()))
    return len(args)


obj = Res()
f = weakref.finalize(obj, closer, "a", 2, mode="w")
print(f.alive)
p = f.peek()
print(p[0] is obj, p[1] is closer, p[2], p[3])
print(f())
print(f.alive, f.peek(), f.detach(), f())

obj2 = Res()
g = weakref.finalize(obj2, closer)
d = g.detach()
print(d[0] is obj2, d[2], d[3], g.alive, g())

h = weakref.finalize(Res(), lambda: 1 // 0)
try:
    h()
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(h.alive)
for value in (None, 0, ()):
    try:
        weakref.finalize(value, print)
    except TypeError as e:
        print("TypeError", e)
